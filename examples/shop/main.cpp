// shop: a small command-line front end for the example service.
//
//   shop <postgres-conninfo> <sqlite-file> <command> [args...]
//
// It needs a PostgreSQL server with the shop's tables to do anything useful;
// the example exists to be analysed by dbtidy, not to be run.
#include "shop/inventory.h"
#include "shop/orders_repo.h"
#include "shop/reports.h"

#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace {

int usage() {
  std::cerr << "usage: shop <postgres-conninfo> <sqlite-file> <command> [args...]\n"
               "commands:\n"
               "  open-orders           open orders with their customers\n"
               "  low-stock <n>         items with at most <n> units on hand\n"
               "  customers <id>...     look customers up by id\n"
               "  counts                row counts of the main tables\n"
               "  reserve <product> <n> take <n> units of a product out of stock\n"
               "  ship <order>...       mark orders as shipped\n"
               "  worker                run the report worker until killed\n";
  return 2;
}

std::vector<int64_t> parseIds(int argc, char **argv, int first) {
  std::vector<int64_t> ids;
  for (int i = first; i < argc; ++i)
    ids.push_back(std::strtoll(argv[i], nullptr, 10));
  return ids;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 4)
    return usage();
  const std::string command = argv[3];
  try {
    pqxx::connection pg(argv[1]);
    SQLite::Database sqlite(argv[2], SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    shop::OrdersRepo orders(pg);
    shop::Inventory inventory(sqlite);
    inventory.createSchema();

    if (command == "open-orders") {
      for (const shop::OrderSummary &o : orders.openOrders())
        std::cout << o.orderId << '\t' << o.customerName << '\t' << o.totalCents << '\n';
    } else if (command == "low-stock" && argc == 5) {
      for (const shop::LowStockItem &item : inventory.lowStock(std::atoi(argv[4])))
        std::cout << item.sku << '\t' << item.onHand << '\t' << item.supplier << '\n';
    } else if (command == "customers") {
      for (const shop::Customer &c : shop::loadCustomersBatched(pg, parseIds(argc, argv, 4)))
        std::cout << c.id << '\t' << c.name << '\t' << c.email << '\n';
    } else if (command == "counts") {
      for (const shop::TableCount &t : shop::tableCounts(pg))
        std::cout << t.table << '\t' << t.rows << '\n';
    } else if (command == "reserve" && argc == 6) {
      const bool ok = orders.reserveStockAtomic(std::strtoll(argv[4], nullptr, 10),
                                                std::atoi(argv[5]));
      std::cout << (ok ? "reserved\n" : "not enough stock\n");
    } else if (command == "ship") {
      orders.markShipped(parseIds(argc, argv, 4));
    } else if (command == "worker") {
      shop::ReportWorker worker(pg);
      worker.run();
    } else {
      return usage();
    }
  } catch (const std::exception &e) {
    std::cerr << "shop: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
