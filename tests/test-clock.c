/* test-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "liaison-core.h"

static void
test_clock_fixed (void)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 ("2026-03-14T09:30:00+03:00", NULL);
  g_autoptr(LiaClock) clock = lia_clock_new_fixed (start);
  g_autoptr(GDateTime) now = lia_clock_get_now (clock);
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *text = NULL;

  g_assert_true (lia_clock_is_fixed (clock));
  /* Stored in UTC whatever zone it was given in. */
  g_assert_cmpint (g_date_time_get_utc_offset (now), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (now), ==, 6);
  g_assert_true (g_date_time_equal (now, start));

  lia_clock_advance (clock, 48 * G_TIME_SPAN_HOUR);
  later = lia_clock_get_now (clock);
  g_assert_cmpint (g_date_time_difference (later, now), ==, 48 * G_TIME_SPAN_HOUR);

  text = lia_clock_format_iso8601 (later);
  g_assert_cmpstr (text, ==, "2026-03-16T06:30:00.000000Z");
  g_assert_cmpint (lia_clock_get_now_usec (clock), ==, g_date_time_to_unix (later) * G_USEC_PER_SEC);
}

static void
test_clock_system (void)
{
  g_autoptr(LiaClock) clock = lia_clock_new_system ();
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) now = lia_clock_get_now (clock);
  g_autoptr(GDateTime) after = g_date_time_new_now_utc ();

  g_assert_false (lia_clock_is_fixed (clock));
  g_assert_cmpint (g_date_time_compare (before, now), <=, 0);
  g_assert_cmpint (g_date_time_compare (now, after), <=, 0);
}

static void
test_clock_set (void)
{
  g_autoptr(GDateTime) a = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) b = g_date_time_new_utc (2027, 6, 1, 12, 0, 0);
  g_autoptr(LiaClock) clock = lia_clock_new_fixed (a);
  g_autoptr(GDateTime) now = NULL;

  lia_clock_set_now (clock, b);
  now = lia_clock_get_now (clock);
  g_assert_true (g_date_time_equal (now, b));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clock/fixed", test_clock_fixed);
  g_test_add_func ("/clock/system", test_clock_system);
  g_test_add_func ("/clock/set", test_clock_set);

  return g_test_run ();
}
