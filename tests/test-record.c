/* test-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-note.h"

static void
test_sensitivity_names (void)
{
  for (guint i = 0; i <= LIA_SENSITIVITY_LAST; i++)
    {
      LiaSensitivity parsed;

      g_assert_true (lia_sensitivity_from_string (lia_sensitivity_to_string (i), &parsed));
      g_assert_cmpint (parsed, ==, i);
      g_assert_nonnull (lia_sensitivity_get_label (i));
    }

  g_assert_cmpstr (lia_sensitivity_to_string (LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL), ==, "strictly-confidential");
  g_assert_false (lia_sensitivity_from_string ("secret", &(LiaSensitivity) {0}));
  g_assert_false (lia_sensitivity_from_string (NULL, &(LiaSensitivity) {0}));
  g_assert_false (lia_sensitivity_is_sensitive (LIA_SENSITIVITY_RESTRICTED));
  g_assert_true (lia_sensitivity_is_sensitive (LIA_SENSITIVITY_CONFIDENTIAL));
  g_assert_true (LIA_SENSITIVITY_PUBLIC < LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
}

static void
test_record_defaults (void)
{
  g_autoptr(LiaTestNote) a = lia_test_note_new ("op-alpha", "hello");
  g_autoptr(LiaTestNote) b = lia_test_note_new ("op-alpha", "hello");
  LiaRecord *ra = LIA_RECORD (a);

  g_assert_true (g_uuid_string_is_valid (lia_record_get_uuid (ra)));
  g_assert_cmpstr (lia_record_get_uuid (ra), !=, lia_record_get_uuid (LIA_RECORD (b)));
  g_assert_cmpstr (lia_record_get_record_type (ra), ==, "test-note");
  g_assert_cmpstr (lia_record_get_operation (ra), ==, "op-alpha");
  g_assert_cmpint (lia_record_get_sensitivity (ra), ==, LIA_SENSITIVITY_RESTRICTED);
  g_assert_cmpint (lia_record_get_revision (ra), ==, 0);
  g_assert_null (lia_record_get_created_at (ra));
  g_assert_false (lia_record_get_tombstone (ra));
}

static void
test_record_body_round_trip (void)
{
  g_autoptr(LiaTestNote) note = lia_test_note_new ("op", "نقطة تفتيش — point de contrôle");
  g_autoptr(LiaTestNote) copy = g_object_new (LIA_TYPE_TEST_NOTE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = lia_record_serialize_body (LIA_RECORD (note));

  g_assert_true (lia_record_deserialize_body (LIA_RECORD (copy), body, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lia_test_note_get_text (copy), ==, "نقطة تفتيش — point de contrôle");

  g_assert_false (lia_record_deserialize_body (LIA_RECORD (copy), "[1,2]", &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lia_record_deserialize_body (LIA_RECORD (copy), "{oops", &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_record_notify (void)
{
  g_autoptr(LiaTestNote) note = lia_test_note_new ("op", NULL);
  guint notified = 0;

  g_signal_connect (note, "notify::sensitivity", G_CALLBACK (count_notify), &notified);
  lia_record_set_sensitivity (LIA_RECORD (note), LIA_SENSITIVITY_CONFIDENTIAL);
  lia_record_set_sensitivity (LIA_RECORD (note), LIA_SENSITIVITY_CONFIDENTIAL);
  g_assert_cmpuint (notified, ==, 1);

  g_object_set (note, "sensitivity", LIA_SENSITIVITY_PUBLIC, NULL);
  g_assert_cmpint (lia_record_get_sensitivity (LIA_RECORD (note)), ==, LIA_SENSITIVITY_PUBLIC);
  g_assert_cmpuint (notified, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sensitivity/names", test_sensitivity_names);
  g_test_add_func ("/record/defaults", test_record_defaults);
  g_test_add_func ("/record/body-round-trip", test_record_body_round_trip);
  g_test_add_func ("/record/notify", test_record_notify);

  return g_test_run ();
}
