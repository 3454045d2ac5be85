// Constant evaluation that runs for minutes: a stand-in for a TU that hangs.
constexpr long spin(long n) {
  long s = 0;
  for (long i = 0; i < n; ++i)
    s += i % 7;
  return s;
}
static_assert(spin(4000000000) > 0, "");
