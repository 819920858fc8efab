/* Unit tests for src/util (arena, buf, UTF-8) and the readers' date check. */
#include <stdint.h>

#include "io/reader.h"
#include "test.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/utf8.h"

TEST(arena_alignment_zero_and_reset) {
  dyad__arena a;
  dyad__arena_init(&a);
  for (int i = 1; i < 200; i++) {
    unsigned char *p = dyad__arena_alloc(&a, (size_t)i);
    CHECK(p != NULL);
    CHECK(((uintptr_t)p % 16) == 0);
    int zero = 1;
    for (int k = 0; k < i; k++) zero &= p[k] == 0;
    CHECK(zero);
    p[i - 1] = 0xAB; /* writable to the end */
  }
  /* a block larger than a chunk gets its own */
  char *big = dyad__arena_alloc(&a, 1u << 20);
  CHECK(big != NULL);
  big[(1u << 20) - 1] = 'x';
  char *s = dyad__arena_strndup(&a, "Erdoğan and more", 8);
  CHECK_STR(s, "Erdoğan");
  dyad__arena_reset(&a);
  CHECK(a.head == NULL);
  CHECK(dyad__arena_alloc(&a, 10) != NULL); /* usable again */
  dyad__arena_reset(&a);
}

TEST(buf_grows_and_formats) {
  dyad__buf b = {0};
  for (int i = 0; i < 1000; i++) CHECK_INT(dyad__buf_printf(&b, "%d,", i), 0);
  CHECK(b.len > 3000);
  CHECK(b.data[b.len] == '\0');
  CHECK(!strncmp(b.data, "0,1,2,", 6));
  dyad__buf_clear(&b);
  CHECK_INT(b.len, 0);
  /* a formatted piece longer than the small stack buffer */
  char long_s[600];
  memset(long_s, 'z', sizeof long_s - 1);
  long_s[sizeof long_s - 1] = '\0';
  CHECK_INT(dyad__buf_printf(&b, "[%s]", long_s), 0);
  CHECK_INT(b.len, 601);
  dyad__buf_free(&b);
}

TEST(utf8_validity) {
  const unsigned char ok2[] = {0xC3, 0xA9};             /* é */
  const unsigned char ok4[] = {0xF0, 0x9F, 0x98, 0x80}; /* U+1F600 */
  const unsigned char overlong[] = {0xC0, 0xAF};
  const unsigned char overlong3[] = {0xE0, 0x80, 0xAF};
  const unsigned char surrogate[] = {0xED, 0xA0, 0x80};
  const unsigned char too_big[] = {0xF4, 0x90, 0x80, 0x80};
  const unsigned char truncated[] = {0xE2, 0x82};
  const unsigned char stray[] = {0x80};
  CHECK_INT(dyad__utf8_valid_len(ok2, 2), 2);
  CHECK_INT(dyad__utf8_valid_len(ok4, 4), 4);
  CHECK_INT(dyad__utf8_valid_len(overlong, 2), 0);
  CHECK_INT(dyad__utf8_valid_len(overlong3, 3), 0);
  CHECK_INT(dyad__utf8_valid_len(surrogate, 3), 0);
  CHECK_INT(dyad__utf8_valid_len(too_big, 4), 0);
  CHECK_INT(dyad__utf8_valid_len(truncated, 2), 0);
  CHECK_INT(dyad__utf8_valid_len(stray, 1), 0);
  uint32_t cp;
  CHECK_INT(dyad__utf8_decode(ok4, 4, &cp), 4);
  CHECK_INT(cp, 0x1F600);
  char enc[4];
  CHECK_INT(dyad__utf8_encode(0x11F, enc), 2); /* ğ */
  CHECK(!memcmp(enc, "\xC4\x9F", 2));
  CHECK_INT(dyad__utf8_encode(0x1F600, enc), 4);
  CHECK(!memcmp(enc, ok4, 4));
}

TEST(utf8_sanitize_counts_and_replaces) {
  dyad__buf b = {0};
  const char in[] = "T\xFCrkiye \xC3\xA9t\xE2\x82";
  size_t bad = dyad__utf8_sanitize(in, sizeof in - 1, &b);
  CHECK_INT(bad, 3); /* 0xFC, then 0xE2 and 0x82 of the truncated sequence */
  CHECK_STR(b.data, "T\xEF\xBF\xBDrkiye \xC3\xA9t\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK_INT(dyad__utf8_check(b.data, b.len), b.len);
  dyad__buf_free(&b);
}

TEST(dates) {
  char out[11];
  CHECK(dyad__parse_date("2023-04-25", 10, out) == NULL);
  CHECK_STR(out, "2023-04-25");
  CHECK(dyad__parse_date("19950101", 8, out) == NULL);
  CHECK_STR(out, "1995-01-01");
  CHECK(dyad__parse_date("2024-02-29T10:30:00+03:00", 25, out) == NULL);
  CHECK_STR(out, "2024-02-29");
  CHECK(dyad__parse_date("2024-11-14T08:00Z", 17, out) == NULL);
  CHECK(dyad__parse_date("2023-02-29", 10, out) != NULL); /* not a leap year */
  CHECK(dyad__parse_date("1900-02-29", 10, out) != NULL); /* century rule */
  CHECK(dyad__parse_date("2000-02-29", 10, out) == NULL);
  CHECK(dyad__parse_date("2023-13-01", 10, out) != NULL);
  CHECK(dyad__parse_date("2023-04-31", 10, out) != NULL);
  CHECK(dyad__parse_date("2023-04-25T25:00", 16, out) != NULL);
  CHECK(dyad__parse_date("2023-04-25 junk", 15, out) != NULL);
  CHECK(dyad__parse_date("25/04/2023", 10, out) != NULL);
  CHECK(dyad__parse_date("", 0, out) != NULL);
}

int main(void) {
  RUN(arena_alignment_zero_and_reset);
  RUN(buf_grows_and_formats);
  RUN(utf8_validity);
  RUN(utf8_sanitize_counts_and_replaces);
  RUN(dates);
  return test_summary();
}
