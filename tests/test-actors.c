/* test-actors.c — actors and relationships: model, validation, storage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "liaison-core.h"
#include "lia-test-util.h"
#include "lia-test-store.h"

typedef struct
{
  char     *dir;
  LiaStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaClock) clock = lia_clock_new_system ();

  f->dir = g_dir_make_tmp ("liaison-actors-XXXXXX", NULL);
  f->store = lia_test_open_store_in_dir (f->dir, clock);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  lia_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Takes the error's address: the call that sets it is an argument too. */
static void
assert_invalid (gboolean     valid,
                GError     **error,
                const char  *mentions)
{
  g_assert_false (valid);
  g_assert_error (*error, LIA_ERROR, LIA_ERROR_INVALID);
  if (strstr ((*error)->message, mentions) == NULL)
    g_error ("“%s” does not mention “%s”", (*error)->message, mentions);
  g_clear_error (error);
}

static void
test_types (void)
{
  LiaActorType type;
  int value;

  g_assert_cmpint (lia_actor_type_get_acled_inter (LIA_ACTOR_TYPE_STATE_FORCES), ==, 1);
  g_assert_cmpint (lia_actor_type_get_acled_inter (LIA_ACTOR_TYPE_REBEL_GROUP), ==, 2);
  g_assert_cmpint (lia_actor_type_get_acled_inter (LIA_ACTOR_TYPE_POLITICAL_MILITIA), ==, 3);
  g_assert_cmpint (lia_actor_type_get_acled_inter (LIA_ACTOR_TYPE_IDENTITY_MILITIA), ==, 4);
  g_assert_cmpint (lia_actor_type_get_acled_inter (LIA_ACTOR_TYPE_EXTERNAL_FORCES), ==, 8);
  g_assert_cmpint (lia_actor_type_get_acled_inter (LIA_ACTOR_TYPE_HUMANITARIAN), ==, 0);
  g_assert_true (lia_actor_type_from_acled_inter (8, &type));
  g_assert_cmpint (type, ==, LIA_ACTOR_TYPE_EXTERNAL_FORCES);
  g_assert_false (lia_actor_type_from_acled_inter (7, &type));
  g_assert_false (lia_actor_type_from_acled_inter (0, &type));
  g_assert_cmpstr (lia_actor_type_get_hxl_tag (LIA_ACTOR_TYPE_REBEL_GROUP), ==, "#org+armed+rebel");

  g_assert_cmpstr (lia_enum_to_string (LIA_TYPE_ENGAGEMENT, LIA_ENGAGEMENT_CHANNEL_ESTABLISHED), ==, "channel-established");
  g_assert_true (lia_enum_from_string (LIA_TYPE_RELATIONSHIP_TYPE, "liaison-channel", &value));
  g_assert_cmpint (value, ==, LIA_RELATIONSHIP_LIAISON_CHANNEL);
  g_assert_false (lia_enum_from_string (LIA_TYPE_RELATIONSHIP_TYPE, "friends", &value));
}

static void
test_contacts_default_confidential (void)
{
  g_autoptr(LiaActor) actor = lia_actor_new ("korvania", "Northern Ridge Front", LIA_ACTOR_TYPE_REBEL_GROUP);

  g_assert_cmpint (lia_record_get_sensitivity (LIA_RECORD (actor)), ==, LIA_SENSITIVITY_RESTRICTED);
  lia_actor_add_contact (actor, "Spokesperson", "radio", "Channel 7");
  g_assert_cmpint (lia_record_get_sensitivity (LIA_RECORD (actor)), ==, LIA_SENSITIVITY_CONFIDENTIAL);
  g_assert_cmpint (lia_actor_get_contact (actor, 0)->sensitivity, ==, LIA_SENSITIVITY_CONFIDENTIAL);

  /* Never lowers a level chosen on purpose. */
  lia_record_set_sensitivity (LIA_RECORD (actor), LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
  lia_actor_add_contact (actor, "Commander", "phone", "+000 555 0199");
  g_assert_cmpint (lia_record_get_sensitivity (LIA_RECORD (actor)), ==, LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
}

static void
test_actor_validation (void)
{
  g_autoptr(LiaActor) actor = lia_actor_new ("korvania", "  ", LIA_ACTOR_TYPE_OTHER);
  g_autoptr(GDate) future = g_date_new ();
  LiaGeoPoint line[] = { { 12.0, 30.0 }, { 12.5, 30.5 } };
  GError *error = NULL;

  assert_invalid (lia_actor_validate (actor, &error), &error, "name");

  lia_actor_set_name (actor, "Blue Crescent Militia");
  g_assert_true (lia_actor_validate (actor, &error));
  g_assert_no_error (error);

  lia_actor_set_influence (actor, 11);
  assert_invalid (lia_actor_validate (actor, &error), &error, "Influence 11");
  lia_actor_set_influence (actor, 7);

  lia_actor_add_location (actor, 95.0, 30.0, NULL);
  assert_invalid (lia_actor_validate (actor, &error), &error, "latitude 95");
  lia_actor_clear_locations (actor);

  lia_actor_add_location (actor, 12.0, -181.0, NULL);
  assert_invalid (lia_actor_validate (actor, &error), &error, "longitude -181");
  lia_actor_clear_locations (actor);

  lia_actor_add_location (actor, 0.0, 0.0, NULL);
  assert_invalid (lia_actor_validate (actor, &error), &error, "0, 0");
  lia_actor_clear_locations (actor);

  lia_actor_add_area (actor, line, G_N_ELEMENTS (line));
  assert_invalid (lia_actor_validate (actor, &error), &error, "three points");
  g_clear_object (&actor);

  actor = lia_actor_new ("korvania", "Tessaly Self-Defence Units", LIA_ACTOR_TYPE_IDENTITY_MILITIA);
  g_date_set_time_t (future, time (NULL));
  g_date_add_days (future, 3);
  lia_actor_set_last_verified (actor, future);
  assert_invalid (lia_actor_validate (actor, &error), &error, "future");

  lia_actor_set_last_verified (actor, NULL);
  lia_actor_add_contact (actor, "Elder", "phone", NULL);
  assert_invalid (lia_actor_validate (actor, &error), &error, "Contact 1");
}

static void
test_actor_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LiaActor) actor = lia_actor_new ("korvania", "Korvanian Armed Forces", LIA_ACTOR_TYPE_STATE_FORCES);
  g_autoptr(LiaActor) parent = lia_actor_new ("korvania", "Ministry of Defence", LIA_ACTOR_TYPE_GOVERNMENT);
  g_autoptr(LiaRecord) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char * const aliases[] = { "KAF", "4th Brigade", NULL };
  LiaGeoPoint ring[] = { { 12.0, 30.0 }, { 12.5, 30.0 }, { 12.5, 30.5 }, { 12.0, 30.0 } };
  const LiaGeoPoint *area;
  guint n_points;
  LiaActor *copy;
  GDate verified;

  lia_actor_set_aliases (actor, aliases);
  lia_actor_set_localized_name (actor, "ar", "القوات المسلحة الكورفانية");
  lia_actor_set_localized_name (actor, "fr", "Forces armées korvaniennes");
  lia_actor_set_parent_uuid (actor, lia_record_get_uuid (LIA_RECORD (parent)));
  lia_actor_add_location (actor, 12.4501, 30.1022, "Tessaly");
  lia_actor_add_area (actor, ring, G_N_ELEMENTS (ring));
  lia_actor_add_contact (actor, "Liaison officer", "phone", "+000 555 0100");
  lia_actor_set_posture (actor, LIA_ACTOR_POSTURE_ACCEPTING);
  lia_actor_set_engagement (actor, LIA_ENGAGEMENT_REGULAR_DIALOGUE);
  lia_actor_set_ihl_notes (actor, "Trained on distinction in 2023.");
  lia_actor_set_goals (actor, "Hold the river crossings.");
  lia_actor_set_influence (actor, 9);
  lia_actor_set_source (actor, "HCT meeting, 3 Oct");
  lia_actor_set_confidence (actor, LIA_CONFIDENCE_HIGH);
  g_date_clear (&verified, 1);
  g_date_set_dmy (&verified, 2, G_DATE_FEBRUARY, 2024);
  lia_actor_set_last_verified (actor, &verified);

  g_assert_true (lia_actor_validate (actor, &error));
  g_assert_no_error (error);
  lia_store_save (f->store, LIA_RECORD (actor), &error);
  g_assert_no_error (error);

  loaded = lia_store_load (f->store, lia_record_get_uuid (LIA_RECORD (actor)), &error);
  g_assert_no_error (error);
  g_assert_true (LIA_IS_ACTOR (loaded));
  copy = LIA_ACTOR (loaded);

  g_assert_cmpstr (lia_actor_get_name (copy), ==, "Korvanian Armed Forces");
  g_assert_cmpstrv (lia_actor_get_aliases (copy), aliases);
  g_assert_cmpstr (lia_actor_get_localized_name (copy, "ar"), ==, "القوات المسلحة الكورفانية");
  g_assert_cmpstr (lia_actor_get_display_name (copy, "ar"), ==, "القوات المسلحة الكورفانية");
  g_assert_cmpstr (lia_actor_get_display_name (copy, "en"), ==, "Korvanian Armed Forces");
  g_assert_cmpstr (lia_actor_get_localized_name (copy, "fr"), ==, "Forces armées korvaniennes");
  g_assert_cmpint (lia_actor_get_actor_type (copy), ==, LIA_ACTOR_TYPE_STATE_FORCES);
  g_assert_cmpstr (lia_actor_get_parent_uuid (copy), ==, lia_record_get_uuid (LIA_RECORD (parent)));
  g_assert_cmpuint (lia_actor_get_n_locations (copy), ==, 1);
  g_assert_cmpfloat (lia_actor_get_location (copy, 0)->lat, ==, 12.4501);
  g_assert_cmpfloat (lia_actor_get_location (copy, 0)->lon, ==, 30.1022);
  g_assert_cmpstr (lia_actor_get_location (copy, 0)->place, ==, "Tessaly");
  g_assert_cmpuint (lia_actor_get_n_areas (copy), ==, 1);
  area = lia_actor_get_area (copy, 0, &n_points);
  g_assert_cmpuint (n_points, ==, 3);   /* the closing point is not kept */
  g_assert_cmpfloat (area[2].lon, ==, 30.5);
  g_assert_cmpuint (lia_actor_get_n_contacts (copy), ==, 1);
  g_assert_cmpstr (lia_actor_get_contact (copy, 0)->value, ==, "+000 555 0100");
  g_assert_cmpint (lia_actor_get_contact (copy, 0)->sensitivity, ==, LIA_SENSITIVITY_CONFIDENTIAL);
  g_assert_cmpint (lia_record_get_sensitivity (loaded), ==, LIA_SENSITIVITY_CONFIDENTIAL);
  g_assert_cmpint (lia_actor_get_posture (copy), ==, LIA_ACTOR_POSTURE_ACCEPTING);
  g_assert_cmpint (lia_actor_get_engagement (copy), ==, LIA_ENGAGEMENT_REGULAR_DIALOGUE);
  g_assert_cmpstr (lia_actor_get_ihl_notes (copy), ==, "Trained on distinction in 2023.");
  g_assert_cmpstr (lia_actor_get_goals (copy), ==, "Hold the river crossings.");
  g_assert_cmpint (lia_actor_get_influence (copy), ==, 9);
  g_assert_cmpstr (lia_actor_get_source (copy), ==, "HCT meeting, 3 Oct");
  g_assert_cmpint (lia_actor_get_confidence (copy), ==, LIA_CONFIDENCE_HIGH);
  g_assert_cmpint (g_date_compare (lia_actor_get_last_verified (copy), &verified), ==, 0);

  /* The same actor serialises the same way, whatever the hash order. */
  {
    g_autofree char *a = lia_record_serialize_body (LIA_RECORD (actor));
    g_autofree char *b = lia_record_serialize_body (loaded);

    g_assert_cmpstr (a, ==, b);
  }
}

static void
test_name_keys (void)
{
  g_autoptr(LiaActor) actor = lia_actor_new ("korvania", "Korvanian Armed Forces", LIA_ACTOR_TYPE_STATE_FORCES);
  g_autofree char *shouted = lia_actor_normalize_name ("KORVANIAN ARMED FORCES");
  g_autofree char *arabic = lia_actor_normalize_name ("القوات المسلحة الكورفانية");
  g_auto(GStrv) keys = NULL;

  lia_actor_set_localized_name (actor, "ar", "القوات المسلحة الكورفانية");
  keys = lia_actor_dup_name_keys (actor);
  g_assert_true (g_strv_contains ((const char * const *) keys, shouted));
  g_assert_true (g_strv_contains ((const char * const *) keys, arabic));
}

static void
test_relationship_validation (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LiaActor) a = lia_actor_new ("korvania", "Korvanian Armed Forces", LIA_ACTOR_TYPE_STATE_FORCES);
  g_autoptr(LiaActor) b = lia_actor_new ("korvania", "Northern Ridge Front", LIA_ACTOR_TYPE_REBEL_GROUP);
  g_autoptr(LiaRelationship) relationship = NULL;
  g_autoptr(LiaRecord) loaded = NULL;
  GError *error = NULL;
  GDate start, end;

  lia_store_save (f->store, LIA_RECORD (a), &error);
  g_assert_no_error (error);

  relationship = lia_relationship_new ("korvania", lia_record_get_uuid (LIA_RECORD (a)),
                                       lia_record_get_uuid (LIA_RECORD (a)), LIA_RELATIONSHIP_COMMANDS);
  assert_invalid (lia_relationship_validate (relationship, f->store, &error), &error, "two different actors");

  /* b is not saved yet: a dangling reference. */
  lia_relationship_set_target_uuid (relationship, lia_record_get_uuid (LIA_RECORD (b)));
  assert_invalid (lia_relationship_validate (relationship, f->store, &error), &error, "does not exist");

  lia_store_save (f->store, LIA_RECORD (b), &error);
  g_assert_no_error (error);
  g_assert_true (lia_relationship_validate (relationship, f->store, &error));
  g_assert_no_error (error);

  lia_relationship_set_weight (relationship, 3.0);
  assert_invalid (lia_relationship_validate (relationship, f->store, &error), &error, "Weight 3");
  lia_relationship_set_weight (relationship, 0.8);

  g_date_clear (&start, 1);
  g_date_clear (&end, 1);
  g_date_set_dmy (&start, 10, G_DATE_MARCH, 2024);
  g_date_set_dmy (&end, 1, G_DATE_MARCH, 2024);
  lia_relationship_set_start_date (relationship, &start);
  lia_relationship_set_end_date (relationship, &end);
  assert_invalid (lia_relationship_validate (relationship, f->store, &error), &error, "before it starts");

  g_date_set_dmy (&end, 30, G_DATE_JUNE, 2024);
  lia_relationship_set_end_date (relationship, &end);
  lia_relationship_set_evidence (relationship, 4, &start, &end);
  lia_store_save (f->store, LIA_RECORD (relationship), &error);
  g_assert_no_error (error);

  loaded = lia_store_load (f->store, lia_record_get_uuid (LIA_RECORD (relationship)), &error);
  g_assert_no_error (error);
  g_assert_true (LIA_IS_RELATIONSHIP (loaded));
  g_assert_cmpint (lia_relationship_get_relationship_type (LIA_RELATIONSHIP (loaded)), ==, LIA_RELATIONSHIP_COMMANDS);
  g_assert_cmpfloat (lia_relationship_get_weight (LIA_RELATIONSHIP (loaded)), ==, 0.8);
  g_assert_cmpint (g_date_compare (lia_relationship_get_end_date (LIA_RELATIONSHIP (loaded)), &end), ==, 0);
  g_assert_cmpuint (lia_relationship_get_event_count (LIA_RELATIONSHIP (loaded)), ==, 4);
  g_assert_true (lia_relationship_is_active_on (LIA_RELATIONSHIP (loaded), &start));
  g_date_set_dmy (&start, 1, G_DATE_JULY, 2024);
  g_assert_false (lia_relationship_is_active_on (LIA_RELATIONSHIP (loaded), &start));

  /* A deleted actor leaves the relationship dangling. */
  lia_store_delete (f->store, LIA_RECORD (b), &error);
  g_assert_no_error (error);
  assert_invalid (lia_relationship_validate (relationship, f->store, &error), &error, "deleted");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  lia_core_register_types ();

  g_test_add_func ("/actors/types", test_types);
  g_test_add_func ("/actors/contacts-default-confidential", test_contacts_default_confidential);
  g_test_add_func ("/actors/validation", test_actor_validation);
  g_test_add_func ("/actors/name-keys", test_name_keys);
  g_test_add ("/actors/round-trip", Fixture, NULL, fixture_setup, test_actor_round_trip, fixture_teardown);
  g_test_add ("/actors/relationship-validation", Fixture, NULL, fixture_setup, test_relationship_validation, fixture_teardown);

  return g_test_run ();
}
