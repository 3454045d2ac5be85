// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: pqxx
// A loop that only adds up the rows of a SELECT run for it: SUM/COUNT in SQL
// returns one row instead of all of them.
#include <pqxx/pqxx>
#include <algorithm>
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

// Less clear-cut, a remark: the totals are conditional or keep a maximum, or
// the result is held in a variable the loop alone uses.
void paidTotals(pqxx::work &tx, long &paid, long &largest) {
  for (auto row : tx.exec("SELECT amount_cents, status FROM orders")) {
    long amount = row[0].as<long>();
    if (row[1].as<std::string>() == "paid")
      paid += amount;
    largest = std::max(largest, amount);
  }
  // CHECK-MESSAGES: :[[@LINE-6]]:3: remark: this loop only computes totals over the rows of 'exec' in C++: all rows cross the network for a few numbers; if nothing else needs the rows, compute them in SQL (SUM, COUNT, MAX, or an aggregate with FILTER (WHERE ...)) and fetch one row [db-query-in-loop]
  // CHECK-MESSAGES: :[[@LINE-7]]:22: note: the rows come from this query
}

long fromVariable(pqxx::work &tx) {
  long total = 0;
  pqxx::result rows = tx.exec("SELECT amount_cents FROM orders");
  for (auto row : rows)
    total += row[0].as<long>();
  // CHECK-MESSAGES: :[[@LINE-2]]:3: remark: this loop only computes totals over the rows of 'exec' in C++
  // CHECK-MESSAGES: :[[@LINE-4]]:26: note: the rows come from this query
  return total;
}

// Silent: the loop does more than add up, or the query is not a plain SELECT.
long audit(long amount);
std::vector<std::string> silent(pqxx::work &tx, long &total) {
  std::vector<std::string> names;
  for (auto row : tx.exec("SELECT name, amount_cents FROM orders")) {
    total += row[1].as<long>();
    names.push_back(row[0].as<std::string>());
  }
  for (auto row : tx.exec("SELECT amount_cents FROM orders FOR UPDATE"))
    total += row[0].as<long>();
  // The result is used after the loop too: the rows are needed anyway.
  pqxx::result kept = tx.exec("SELECT amount_cents FROM orders");
  for (auto row : kept)
    total += row[0].as<long>();
  names.push_back(std::to_string(kept.size()));
  // Stops early: not every row is totalled.
  for (auto row : tx.exec("SELECT amount_cents FROM orders")) {
    if (row[0].as<long>() > 1000)
      break;
    total += row[0].as<long>();
  }
  // Declarations alone total nothing.
  for (auto row : tx.exec("SELECT amount_cents FROM orders")) {
    long unused = row[0].as<long>();
    (void)unused;
  }
  // Calls that are not the row's accessors may do anything.
  for (auto row : tx.exec("SELECT amount_cents FROM orders"))
    total += audit(row[0].as<long>());
  std::vector<long> amounts{1, 2, 3};
  for (long a : amounts)
    total += a;
  return names;
}
