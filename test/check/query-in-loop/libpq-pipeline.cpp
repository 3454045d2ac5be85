// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17 -I/usr/include/postgresql
// REQUIRES: libpq
// libpq pipeline mode (PostgreSQL 14+) is the libpq way to fix N+1 writes:
// every statement is sent without waiting for the previous result, and the
// statements up to PQpipelineSync run in one implicit transaction. One sync
// for the whole loop is one round trip in all: no finding.
#include <libpq-fe.h>
#include <cstdio>
#include <string>
#include <vector>

bool importSkus(PGconn *conn, const std::vector<std::string> &skus) {
  if (!PQenterPipelineMode(conn))
    return false;
  PQsendPrepare(conn, "ins_sku", "INSERT INTO items (sku) VALUES ($1)", 1, nullptr);
  for (const std::string &sku : skus) {
    const char *values[1] = {sku.c_str()};
    PQsendQueryPrepared(conn, "ins_sku", 1, values, nullptr, nullptr, 0);
  }
  PQpipelineSync(conn);
  bool ok = true;
  for (;;) {
    PGresult *res = PQgetResult(conn);
    if (!res)
      continue; // end of one statement's results
    ExecStatusType status = PQresultStatus(res);
    PQclear(res);
    if (status == PGRES_PIPELINE_SYNC)
      break;
    if (status == PGRES_FATAL_ERROR || status == PGRES_PIPELINE_ABORTED)
      ok = false;
  }
  return PQexitPipelineMode(conn) == 1 && ok;
}
