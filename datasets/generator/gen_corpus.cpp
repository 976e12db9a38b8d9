// Placeholder until the corpus generator lands.
int main() { return 0; }
