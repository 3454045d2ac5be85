// A loop that only computes totals, less obviously than a plain sum: db-query-in-loop reports it as a remark.
#include <pqxx/pqxx>
#include <algorithm>
#include <string>
void t(pqxx::work &tx, long &paid, long &largest) {
  for (auto row : tx.exec("SELECT amount_cents, status FROM orders")) {
    long amount = row[0].as<long>();
    if (row[1].as<std::string>() == "paid")
      paid += amount;
    largest = std::max(largest, amount);
  }
}
