/*
 * test.h -- a tiny unit-test harness.
 *
 *   TEST(name) { CHECK(x == 1); CHECK_STR(a, "b"); }
 *   int main(void) { RUN(name); return test_summary(); }
 *
 * Prints each failed check with file:line, then "N passed, N failed".
 * SKIP_ALL(msg) exits with 77, which ctest counts as skipped.
 */
#ifndef DYAD_TEST_H
#define DYAD_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_checks_failed_, test_passed_, test_failed_;

#define TEST(name) static void test_##name(void)
#define RUN(name)                                          \
  do {                                                     \
    int before_ = test_checks_failed_;                     \
    test_##name();                                         \
    if (test_checks_failed_ == before_) test_passed_++;    \
    else {                                                 \
      test_failed_++;                                      \
      printf("FAIL %s\n", #name);                          \
    }                                                      \
  } while (0)
#define CHECK(cond)                                                      \
  do {                                                                   \
    if (!(cond)) {                                                       \
      printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);    \
      test_checks_failed_++;                                             \
    }                                                                    \
  } while (0)
#define CHECK_STR(got, want)                                                  \
  do {                                                                        \
    const char *g_ = (got), *w_ = (want);                                     \
    if (!g_ || strcmp(g_, w_)) {                                              \
      printf("%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__,    \
             #got, g_ ? g_ : "(null)", w_);                                   \
      test_checks_failed_++;                                                  \
    }                                                                         \
  } while (0)
#define CHECK_INT(got, want)                                                  \
  do {                                                                        \
    long long g_ = (long long)(got), w_ = (long long)(want);                  \
    if (g_ != w_) {                                                           \
      printf("%s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__, #got,  \
             g_, w_);                                                         \
      test_checks_failed_++;                                                  \
    }                                                                         \
  } while (0)
#define SKIP_ALL(msg)                 \
  do {                                \
    printf("skipped: %s\n", msg);     \
    exit(77);                         \
  } while (0)

static inline int test_summary(void) {
  printf("%d passed, %d failed\n", test_passed_, test_failed_);
  return test_failed_ ? 1 : 0;
}

#endif
