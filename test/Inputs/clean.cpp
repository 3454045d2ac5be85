// Code with no database access at all.
int add(int a, int b) { return a + b; }
