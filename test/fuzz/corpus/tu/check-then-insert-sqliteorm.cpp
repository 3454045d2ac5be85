// sqlite_orm: get_all/count with where(c(&T::f) == v), then insert(T{...}).
// The schema declared with make_column(..., unique()) backs a check on that
// member; replace() is an upsert.
#include <sqlite_orm/sqlite_orm.h>
#include <string>

struct User {
  int id = 0;
  std::string email;
  std::string name;
};
struct Tag {
  int id = 0;
  std::string name;
};

inline auto initStorage(const std::string &path) {
  using namespace sqlite_orm;
  return make_storage(path,
                      make_table("users", make_column("id", &User::id, primary_key().autoincrement()),
                                 make_column("email", &User::email, unique()), make_column("name", &User::name)),
                      make_table("tags", make_column("id", &Tag::id, primary_key().autoincrement()),
                                 make_column("name", &Tag::name)));
}
using Storage = decltype(initStorage(""));

void addTag(Storage &storage, const std::string &name) {
  using namespace sqlite_orm;
  auto existing = storage.get_all<Tag>(where(c(&Tag::name) == name));
  if (existing.empty())
    storage.insert(Tag{0, name});
}

void addTagCounted(Storage &storage, const std::string &name) {
  using namespace sqlite_orm;
  if (storage.count<Tag>(where(c(&Tag::name) == name)) == 0)
    storage.insert(Tag{0, name});
}

// unique() on users.email: the second insert raises.
void signUp(Storage &storage, const std::string &email) {
  using namespace sqlite_orm;
  auto users = storage.get_all<User>(where(c(&User::email) == email));
  if (users.empty())
    storage.insert(User{0, email, ""});
}

//===--- silent ---------------------------------------------------------------===//

void replaceTag(Storage &storage, const std::string &name) {
  using namespace sqlite_orm;
  auto existing = storage.get_all<Tag>(where(c(&Tag::name) == name));
  if (existing.empty())
    storage.replace(Tag{0, name});
}

void inTransaction(Storage &storage, const std::string &name) {
  using namespace sqlite_orm;
  storage.transaction([&] {
    if (storage.count<Tag>(where(c(&Tag::name) == name)) == 0)
      storage.insert(Tag{0, name});
    return true;
  });
}

void otherEntity(Storage &storage, const std::string &name) {
  using namespace sqlite_orm;
  if (storage.count<User>(where(c(&User::name) == name)) == 0)
    storage.insert(Tag{0, name});
}
