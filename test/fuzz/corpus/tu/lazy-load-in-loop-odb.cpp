// ODB: a lazy pointer's load() per row is a SELECT per row; std::shared_ptr
// relations are loaded with the object and never flagged.
#include <odb/database.hxx>
#include <odb/lazy-ptr.hxx>
#include <odb/result.hxx>
#include <odb/transaction.hxx>
#include <memory>
#include <string>

struct Author {
  std::string name;
};

struct Book {
  std::string title;
  odb::lazy_shared_ptr<Author> author;
  std::shared_ptr<Author> editor; // eager: loaded with the book
};

size_t authorNames(odb::database &db) {
  odb::transaction t(db.begin());
  size_t total = 0;
  odb::result<Book> books(db.query<Book>());
  for (Book &b : books) {
    std::shared_ptr<Author> a = b.author.load();
    total += a->name.size();
  }
  t.commit();
  return total;
}

size_t silent(odb::database &db, Book &one) {
  odb::transaction t(db.begin());
  size_t total = 0;
  odb::result<Book> books(db.query<Book>());
  for (Book &b : books)
    total += b.editor->name.size(); // eager pointer: loaded with the book
  std::shared_ptr<Author> a = one.author.load(); // once, outside the loop
  for (Book &b : books)
    total += a->name.size() + b.title.size();
  t.commit();
  return total;
}
