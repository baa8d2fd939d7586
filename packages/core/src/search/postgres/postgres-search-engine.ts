import type { Db } from "../../shared/db.ts";
import type { SearchEngine } from "../search-engine.ts";
import { browseProducts } from "./browse.queries.ts";
import { searchProducts } from "./search.queries.ts";
import { suggestProducts } from "./suggest.queries.ts";

/** The built-in engine: PostgreSQL full text, pg_trgm and keyset pagination over the catalog tables. */
export function postgresSearchEngine(db: Db): SearchEngine {
  return {
    browse: (params) => browseProducts(db, params),
    search: (params) => searchProducts(db, params),
    suggest: (params) => suggestProducts(db, params),
  };
}
