/* test-directory.c — the deployments directory: input, staleness, vCards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "liaison-core.h"

static LiaDirectory *
directory_from (const char *contents,
                const char *valid_as_of)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = lia_directory_body_from_file (contents, strlen (contents), valid_as_of, &error);
  LiaDirectory *directory;

  g_assert_no_error (error);
  g_assert_nonnull (body);

  directory = g_object_new (LIA_TYPE_DIRECTORY, NULL);
  g_assert_true (lia_record_deserialize_body (LIA_RECORD (directory), body, &error));
  g_assert_no_error (error);

  return directory;
}

static void
assert_refused (const char *contents,
                const char *expect)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = lia_directory_body_from_file (contents, strlen (contents), "2026-03-01", &error);

  g_assert_null (body);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  if (strstr (error->message, expect) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, expect);
}

static void
test_csv_and_json (void)
{
  g_autoptr(LiaDirectory) csv = NULL;
  g_autoptr(LiaDirectory) json = NULL;
  const LiaDirectoryEntry *entry;

  csv = directory_from ("\xEF\xBB\xBFid,name,role,contacts,hats,last_confirmed\r\n"
                        "k1,\"Marsh, Lena\",CMCoord Officer,\"phone:+000 555; signal:@lena\",Access; Security,2026-02-01\r\n"
                        "\r\n"
                        "k2,\"Say \"\"hi\"\"\",Deputy,,,\r\n",
                        "2026-03-01");
  g_assert_cmpstr (lia_directory_get_valid_as_of (csv), ==, "2026-03-01");
  g_assert_cmpuint (lia_directory_get_n_entries (csv), ==, 2);
  entry = lia_directory_find (csv, "k1");
  g_assert_cmpstr (entry->name, ==, "Marsh, Lena");
  g_assert_cmpuint (entry->contacts->len, ==, 2);
  g_assert_cmpstr (((LiaDirectoryContact *) g_ptr_array_index (entry->contacts, 1))->channel, ==, "signal");
  g_assert_cmpstr (((LiaDirectoryContact *) g_ptr_array_index (entry->contacts, 1))->value, ==, "@lena");
  g_assert_cmpstrv (entry->hats, ((const char * const []) { "Access", "Security", NULL }));
  g_assert_cmpstr (lia_directory_find (csv, "k2")->name, ==, "Say \"hi\"");
  g_assert_null (lia_directory_find (csv, "k2")->last_confirmed);

  /* The file's own date wins over the default. */
  json = directory_from ("{\"valid_as_of\": \"2026-02-15\", \"entries\": ["
                         " {\"id\": \"k1\", \"name\": \"Lena\", \"role\": \"CMCoord\", \"hats\": [\"Access\"]}]}",
                         "2026-03-01");
  g_assert_cmpstr (lia_directory_get_valid_as_of (json), ==, "2026-02-15");
  g_assert_cmpuint (lia_directory_get_n_entries (json), ==, 1);

  assert_refused ("id,name,role,phone\nk1,a,b,c\n", "phone");
  assert_refused ("id,name,role\nk1,a\n", "Row 2");
  assert_refused ("id,name,role\nk1,a,b\nk1,c,d\n", "k1");
  assert_refused ("id,name,role\nk 1,a,b\n", "id");
  assert_refused ("id,name,role,since\nk1,a,b,1 March\n", "since");
  assert_refused ("[{\"id\": \"k1\", \"name\": \"a\"}]", "role");
  assert_refused ("{\"entries\": 3}", "entries");
}

/* Stale after 30 days for the publication, 90 for an entry, by the
 * fixed clock of the store. */
static void
test_staleness (void)
{
  g_autoptr(LiaDirectory) directory = directory_from ("id,name,role,last_confirmed\n"
                                                      "k1,Lena,CMCoord,2026-01-01\n"
                                                      "k2,Omar,Deputy,\n",
                                                      "2026-03-01");
  g_autoptr(GDateTime) day_30 = g_date_time_new_utc (2026, 3, 31, 23, 0, 0);
  g_autoptr(GDateTime) day_31 = g_date_time_new_utc (2026, 4, 1, 0, 30, 0);
  g_autoptr(GDateTime) entry_90 = g_date_time_new_utc (2026, 4, 1, 12, 0, 0);
  g_autoptr(GDateTime) entry_91 = g_date_time_new_utc (2026, 4, 2, 0, 0, 0);
  g_autoptr(LiaClock) clock = lia_clock_new_fixed (day_30);
  g_autoptr(GDateTime) now = NULL;

  now = lia_clock_get_now (clock);
  g_assert_false (lia_directory_is_stale (directory, now));
  lia_clock_set_now (clock, day_31);
  g_clear_pointer (&now, g_date_time_unref);
  now = lia_clock_get_now (clock);
  g_assert_true (lia_directory_is_stale (directory, now));

  g_assert_false (lia_directory_entry_is_stale (lia_directory_find (directory, "k1"), entry_90));
  g_assert_true (lia_directory_entry_is_stale (lia_directory_find (directory, "k1"), entry_91));
  /* Never confirmed: stale. */
  g_assert_true (lia_directory_entry_is_stale (lia_directory_find (directory, "k2"), entry_90));
}

static void
test_vcard (void)
{
  g_autoptr(LiaDirectory) directory = NULL;
  g_autofree char *card = NULL;
  g_autofree char *long_card = NULL;
  g_auto(GStrv) lines = NULL;

  directory = directory_from ("[{\"id\": \"k1\", \"name\": \"Haddad, Omar; \\\\ Jr.\\nII\","
                              "  \"role\": \"Deputy CMCoord\", \"operation\": \"op-korvania\","
                              "  \"location\": \"Kessel; north\", \"hats\": [\"Access, Security\"],"
                              "  \"contacts\": [{\"channel\": \"Phone\", \"value\": \"+000 555 0101\"},"
                              "                 {\"channel\": \"email\", \"value\": \"o.haddad@example.org\"},"
                              "                 {\"channel\": \"radio\", \"value\": \"Channel 7\"}],"
                              "  \"last_confirmed\": \"2026-02-01\"},"
                              " {\"id\": \"k2\", \"name\": \"عمر حداد عمر حداد عمر حداد عمر حداد عمر حداد\", \"role\": \"منسق\"}]",
                              "2026-03-01");

  card = lia_directory_entry_to_vcard (lia_directory_find (directory, "k1"));
  g_assert_true (g_str_has_prefix (card, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  g_assert_true (g_str_has_suffix (card, "END:VCARD\r\n"));
  g_assert_nonnull (strstr (card, "\r\nFN:Haddad\\, Omar\\; \\\\ Jr.\\nII\r\n"));
  g_assert_nonnull (strstr (card, "\r\nROLE:Access\\, Security\r\n"));
  g_assert_nonnull (strstr (card, "\r\nADR:;;;Kessel\\; north;;;\r\n"));
  g_assert_nonnull (strstr (card, "\r\nTEL;VALUE=text:+000 555 0101\r\n"));
  g_assert_nonnull (strstr (card, "\r\nEMAIL:o.haddad@example.org\r\n"));
  g_assert_nonnull (strstr (card, "\r\nNOTE:radio: Channel 7\r\n"));
  /* No bare line feed anywhere. */
  for (const char *p = strchr (card, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    g_assert_cmpint (p[-1], ==, '\r');

  /* Long lines fold at 75 octets, between characters. */
  long_card = lia_directory_entry_to_vcard (lia_directory_find (directory, "k2"));
  lines = g_strsplit (long_card, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    }
  g_assert_true (g_str_has_prefix (lines[3], "FN:"));
  g_assert_true (g_str_has_prefix (lines[4], " "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/directory/csv-and-json", test_csv_and_json);
  g_test_add_func ("/directory/staleness", test_staleness);
  g_test_add_func ("/directory/vcard", test_vcard);

  return g_test_run ();
}
