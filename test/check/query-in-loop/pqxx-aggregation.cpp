// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: pqxx
// A loop that only adds up the rows of a SELECT run for it: SUM/COUNT in SQL
// returns one row instead of all of them.
#include <pqxx/pqxx>
#include <string>
#include <vector>

long revenue(pqxx::work &tx) {
  long total = 0;
  for (auto row : tx.exec("SELECT amount_cents FROM orders WHERE status = 'paid'"))
    total += row[0].as<long>();
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: this loop adds up every row of 'exec' in C++: all rows cross the network only to be summed, which grows with the table; compute it in SQL with SUM(...) or COUNT(*) and fetch one row
  // CHECK-MESSAGES: :[[@LINE-3]]:22: note: the rows come from this query
  return total;
}

int paidAndCount(pqxx::work &tx, long &sum) {
  int count = 0;
  for (auto row : tx.exec("SELECT amount_cents FROM orders")) {
    ++count;
    sum += row[0].as<long>();
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: this loop adds up every row of 'exec' in C++
  // CHECK-MESSAGES: :[[@LINE-5]]:22: note: the rows come from this query
  return count;
}

// Silent: the loop does more than add up, or the query is not a plain SELECT.
std::vector<std::string> silent(pqxx::work &tx, long &total) {
  std::vector<std::string> names;
  for (auto row : tx.exec("SELECT name, amount_cents FROM orders")) {
    total += row[1].as<long>();
    names.push_back(row[0].as<std::string>());
  }
  for (auto row : tx.exec("SELECT amount_cents FROM orders FOR UPDATE"))
    total += row[0].as<long>();
  std::vector<long> amounts{1, 2, 3};
  for (long a : amounts)
    total += a;
  return names;
}
