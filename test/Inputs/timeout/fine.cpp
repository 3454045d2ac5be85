#include <mutex>
std::mutex a, b;
void f() { std::lock_guard<std::mutex> x(a); std::lock_guard<std::mutex> y(b); }
void g() { std::lock_guard<std::mutex> y(b); std::lock_guard<std::mutex> x(a); }
