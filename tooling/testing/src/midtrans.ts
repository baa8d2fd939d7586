// msw handlers shaped like Midtrans: Snap `POST /snap/v1/transactions` (201 { token, redirect_url }),
// Core API `GET /v2/{order_id}/status` and `POST /v2/{order_id}/refund` (HTTP 200 with the real
// outcome in `status_code`), HTTP Basic auth with the server key, 401 `error_messages` for a bad
// key, and HTML 5xx pages. `midtransNotification` builds a signed HTTP notification body.
import { createHash, randomUUID } from "node:crypto";
import { delay, HttpResponse, http } from "msw";

export const FAKE_MIDTRANS_KEY = "SB-Mid-server-niaga-fake";
export const FAKE_MIDTRANS_SNAP_URL = "https://app.sandbox.midtrans.test";
export const FAKE_MIDTRANS_API_URL = "https://api.sandbox.midtrans.test";

export type FakeMidtransMode = "ok" | "server-error" | "slow";

interface FakeTransaction {
  orderId: string;
  transactionId: string;
  grossAmount: number;
  status: string;
  refunded: number;
  refunds: { refund_key: string; refund_amount: string; created_at: string }[];
}

const rupiah = (value: number) => `${value}.00`;
const jakartaNow = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 19).replace("T", " ");

/** A signed notification as Midtrans POSTs it (`serverKey` wrong → a bad signature). */
export function midtransNotification(params: {
  orderId: string;
  transactionStatus: "settlement" | "capture" | "pending" | "deny" | "cancel" | "expire" | "refund" | "partial_refund";
  grossAmount: number;
  serverKey?: string;
  transactionId?: string;
  statusCode?: string;
  fraudStatus?: string;
}) {
  const statusCode = params.statusCode ?? (params.transactionStatus === "pending" ? "201" : "200");
  const grossAmount = rupiah(params.grossAmount);
  const signature = createHash("sha512")
    .update(`${params.orderId}${statusCode}${grossAmount}${params.serverKey ?? FAKE_MIDTRANS_KEY}`)
    .digest("hex");
  return {
    transaction_time: jakartaNow(),
    transaction_status: params.transactionStatus,
    transaction_id: params.transactionId ?? randomUUID(),
    status_message: "midtrans payment notification",
    status_code: statusCode,
    signature_key: signature,
    payment_type: "bank_transfer",
    order_id: params.orderId,
    merchant_id: "G000000000",
    gross_amount: grossAmount,
    fraud_status: params.fraudStatus ?? "accept",
    currency: "IDR",
  };
}

export function fakeMidtrans(options: { mode?: FakeMidtransMode; serverKey?: string } = {}) {
  const state = { mode: options.mode ?? "ok" };
  const serverKey = options.serverKey ?? FAKE_MIDTRANS_KEY;
  const expectedAuth = `Basic ${Buffer.from(`${serverKey}:`).toString("base64")}`;
  const transactions = new Map<string, FakeTransaction>();
  const calls: { method: string; path: string; body: unknown; authorized: boolean }[] = [];

  async function guard(request: Request, path: string) {
    const text = request.method === "GET" ? "" : await request.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    const authorized = request.headers.get("authorization") === expectedAuth;
    calls.push({ method: request.method, path, body, authorized });
    if (state.mode === "slow") await delay(5_000);
    if (state.mode === "server-error") {
      return { response: new HttpResponse("<html><body>502 Bad Gateway</body></html>", { status: 502 }), body };
    }
    if (!authorized) {
      return {
        response: HttpResponse.json(
          {
            status_code: "401",
            error_messages: [
              "Access denied due to unauthorized transaction, please check client or server key",
              "Visit https://snap-docs.midtrans.com/#request-headers for more details",
            ],
          },
          { status: 401 },
        ),
        body,
      };
    }
    return { response: null, body };
  }

  const handlers = [
    http.post(`${FAKE_MIDTRANS_SNAP_URL}/snap/v1/transactions`, async ({ request }) => {
      const { response, body } = await guard(request, "/snap/v1/transactions");
      if (response) return response;
      const details = (body?.transaction_details ?? {}) as { order_id?: string; gross_amount?: number };
      if (!details.order_id || !Number.isInteger(details.gross_amount)) {
        return HttpResponse.json({ error_messages: ["transaction_details.gross_amount is required"] }, { status: 400 });
      }
      if (transactions.has(details.order_id)) {
        return HttpResponse.json({ error_messages: ["transaction_details.order_id sudah digunakan"] }, { status: 400 });
      }
      transactions.set(details.order_id, {
        orderId: details.order_id,
        transactionId: randomUUID(),
        grossAmount: details.gross_amount as number,
        status: "pending",
        refunded: 0,
        refunds: [],
      });
      const token = randomUUID();
      return HttpResponse.json(
        { token, redirect_url: `${FAKE_MIDTRANS_SNAP_URL}/snap/v4/redirection/${token}` },
        { status: 201 },
      );
    }),
    http.get(`${FAKE_MIDTRANS_API_URL}/v2/:orderId/status`, async ({ request, params }) => {
      const { response } = await guard(request, `/v2/${params.orderId}/status`);
      if (response) return response;
      const tx = transactions.get(String(params.orderId));
      if (!tx) return HttpResponse.json({ status_code: "404", status_message: "Transaction doesn't exist." });
      return HttpResponse.json({
        status_code: tx.status === "pending" ? "201" : "200",
        transaction_id: tx.transactionId,
        order_id: tx.orderId,
        gross_amount: rupiah(tx.grossAmount),
        currency: "IDR",
        transaction_status: tx.status,
        transaction_time: jakartaNow(),
        ...(tx.refunded > 0 && { refund_amount: rupiah(tx.refunded), refunds: tx.refunds }),
      });
    }),
    http.post(`${FAKE_MIDTRANS_API_URL}/v2/:orderId/refund`, async ({ request, params }) => {
      const { response, body } = await guard(request, `/v2/${params.orderId}/refund`);
      if (response) return response;
      const tx = transactions.get(String(params.orderId));
      if (!tx) return HttpResponse.json({ status_code: "404", status_message: "Transaction doesn't exist." });
      const key = String(body?.refund_key ?? "");
      if (!tx.refunds.some((refund) => refund.refund_key === key)) {
        const amount = Number(body?.amount ?? tx.grossAmount);
        if (tx.status !== "settlement" || tx.refunded + amount > tx.grossAmount) {
          return HttpResponse.json({
            status_code: "412",
            status_message: "Merchant cannot modify the status of the transaction",
          });
        }
        tx.refunded += amount;
        tx.refunds.push({ refund_key: key, refund_amount: rupiah(amount), created_at: jakartaNow() });
      }
      return HttpResponse.json({
        status_code: "200",
        status_message: "Success, refund request is approved",
        transaction_id: tx.transactionId,
        order_id: tx.orderId,
        refund_key: key,
        refund_amount: tx.refunds.find((refund) => refund.refund_key === key)?.refund_amount,
      });
    }),
  ];

  return {
    handlers,
    calls,
    transactions,
    setMode: (mode: FakeMidtransMode) => {
      state.mode = mode;
    },
    /** The customer paid: the transaction settles and its signed notification is returned. */
    settle(orderId: string) {
      const tx = transactions.get(orderId);
      if (!tx) throw new Error(`fake Midtrans has no transaction ${orderId}`);
      tx.status = "settlement";
      return midtransNotification({
        orderId,
        transactionStatus: "settlement",
        grossAmount: tx.grossAmount,
        transactionId: tx.transactionId,
        serverKey,
      });
    },
  };
}
