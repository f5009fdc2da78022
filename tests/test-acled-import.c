/* test-acled-import.c — ACLED CSV into actors and relationships
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

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

  f->dir = g_dir_make_tmp ("liaison-acled-XXXXXX", NULL);
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

static char *
fixture_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "acled-korvania.csv", NULL);
}

static guint
count_records (LiaStore   *store,
               const char *type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = lia_store_list (store, type, "korvania", &error);

  g_assert_no_error (error);
  return records->len;
}

static LiaActor *
find_actor (LiaStore   *store,
            const char *name)
{
  g_autoptr(GPtrArray) actors = lia_store_list (store, "actor", "korvania", NULL);

  for (guint i = 0; i < actors->len; i++)
    {
      if (g_str_equal (lia_actor_get_name (g_ptr_array_index (actors, i)), name))
        return g_object_ref (g_ptr_array_index (actors, i));
    }

  g_error ("no actor %s", name);
}

static LiaRelationship *
find_relationship (LiaStore            *store,
                   LiaActor            *source,
                   LiaActor            *target,
                   LiaRelationshipType  type)
{
  g_autoptr(GPtrArray) relationships = lia_store_list (store, "relationship", "korvania", NULL);

  for (guint i = 0; i < relationships->len; i++)
    {
      LiaRelationship *relationship = g_ptr_array_index (relationships, i);

      if (g_str_equal (lia_relationship_get_source_uuid (relationship), lia_record_get_uuid (LIA_RECORD (source))) &&
          g_str_equal (lia_relationship_get_target_uuid (relationship), lia_record_get_uuid (LIA_RECORD (target))) &&
          lia_relationship_get_relationship_type (relationship) == type)
        return g_object_ref (relationship);
    }

  return NULL;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = fixture_path ();
  g_autoptr(LiaAcledImport) import = lia_acled_import_new (f->store, "korvania");
  g_autoptr(LiaAcledImport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaActor) army = NULL;
  g_autoptr(LiaActor) front = NULL;
  g_autoptr(LiaActor) units = NULL;
  g_autoptr(LiaActor) coalition = NULL;
  g_autoptr(LiaRelationship) hostile = NULL;
  g_autoptr(LiaRelationship) agreement = NULL;
  g_autoptr(LiaRelationship) allied = NULL;
  const guint bad_rows[] = { 10, 11, 12, 13, 14 };
  const char * const bad_mentions[] = { "2024-13-40", "actor1", "inter1", "latitude", "fields" };
  GPtrArray *problems;
  gint64 n_changes;
  GDate date;

  lia_acled_import_prepare (import, path, &error);
  g_assert_no_error (error);

  /* The preview writes nothing. */
  g_assert_cmpint (lia_store_count_changes (f->store, NULL), ==, 0);
  g_assert_cmpuint (lia_acled_import_get_n_rows (import), ==, 9);
  g_assert_cmpuint (lia_acled_import_get_n_new_actors (import), ==, 5);
  g_assert_cmpuint (lia_acled_import_get_n_merged_actors (import), ==, 0);
  g_assert_cmpuint (lia_acled_import_get_n_new_relationships (import), ==, 7);

  problems = lia_acled_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (bad_rows));
  for (guint i = 0; i < problems->len; i++)
    {
      const LiaAcledProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpuint (problem->row, ==, bad_rows[i]);
      if (strstr (problem->message, bad_mentions[i]) == NULL)
        g_error ("row %u: “%s” does not mention %s", problem->row, problem->message, bad_mentions[i]);
    }

  lia_acled_import_commit (import, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_records (f->store, "actor"), ==, 5);
  g_assert_cmpuint (count_records (f->store, "relationship"), ==, 7);

  army = find_actor (f->store, "Korvanian Armed Forces");
  front = find_actor (f->store, "Northern Ridge Front");
  units = find_actor (f->store, "Tessaly Self-Defence Units");
  coalition = find_actor (f->store, "External Coalition Task Force");
  g_assert_cmpint (lia_actor_get_actor_type (army), ==, LIA_ACTOR_TYPE_STATE_FORCES);
  g_assert_cmpint (lia_actor_get_actor_type (coalition), ==, LIA_ACTOR_TYPE_EXTERNAL_FORCES);
  /* Named first as an associate, then with its own inter code. */
  g_assert_cmpint (lia_actor_get_actor_type (units), ==, LIA_ACTOR_TYPE_IDENTITY_MILITIA);
  g_assert_cmpuint (lia_actor_get_n_locations (army), ==, 1);
  g_assert_cmpstr (lia_actor_get_location (army, 0)->place, ==, "Tessaly");

  /* Two clashes, and the row in capitals merged into the same actor. */
  hostile = find_relationship (f->store, army, front, LIA_RELATIONSHIP_HOSTILE_TO);
  g_assert_nonnull (hostile);
  g_assert_cmpuint (lia_relationship_get_event_count (hostile), ==, 2);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 5, G_DATE_JANUARY, 2024);
  g_assert_cmpint (g_date_compare (lia_relationship_get_first_event (hostile), &date), ==, 0);
  g_date_set_dmy (&date, 19, G_DATE_JANUARY, 2024);
  g_assert_cmpint (g_date_compare (lia_relationship_get_last_event (hostile), &date), ==, 0);
  g_assert_cmpfloat_with_epsilon (lia_relationship_get_weight (hostile), 0.5, 1e-12);

  agreement = find_relationship (f->store, army, front, LIA_RELATIONSHIP_NEGOTIATES_WITH);
  g_assert_nonnull (agreement);
  g_date_set_dmy (&date, 12, G_DATE_MARCH, 2024);
  g_assert_cmpint (g_date_compare (lia_relationship_get_first_event (agreement), &date), ==, 0);

  allied = find_relationship (f->store, units, army, LIA_RELATIONSHIP_ALLIED_WITH);
  g_assert_nonnull (allied);

  /* Importing the same file again changes nothing. */
  n_changes = lia_store_count_changes (f->store, NULL);
  again = lia_acled_import_new (f->store, "korvania");
  lia_acled_import_prepare (again, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lia_acled_import_get_n_new_actors (again), ==, 0);
  g_assert_cmpuint (lia_acled_import_get_n_merged_actors (again), ==, 5);
  g_assert_cmpuint (lia_acled_import_get_n_new_relationships (again), ==, 0);
  g_assert_cmpuint (lia_acled_import_get_n_updated_relationships (again), ==, 0);
  g_assert_cmpuint (lia_acled_import_get_n_unchanged_relationships (again), ==, 7);
  lia_acled_import_commit (again, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lia_store_count_changes (f->store, NULL), ==, n_changes);
  g_assert_cmpuint (count_records (f->store, "actor"), ==, 5);
  g_assert_cmpuint (count_records (f->store, "relationship"), ==, 7);
}

static void
assert_fatal (Fixture    *f,
              const char *path,
              const char *mentions)
{
  g_autoptr(LiaAcledImport) import = lia_acled_import_new (f->store, "korvania");
  g_autoptr(GError) error = NULL;

  g_assert_false (lia_acled_import_prepare (import, path, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, mentions) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, mentions);
  g_assert_cmpint (lia_store_count_changes (f->store, NULL), ==, 0);
}

static void
test_fatal (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_autofree char *no_header = g_build_filename (f->dir, "no-header.csv", NULL);
  g_autofree char *unclosed = g_build_filename (f->dir, "unclosed.csv", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.csv", NULL);

  g_assert_true (g_file_set_contents (no_header, "Korvanian Armed Forces,1,Northern Ridge Front,2\n", -1, NULL));
  g_assert_true (g_file_set_contents (unclosed,
                                      "event_date,actor1,inter1,actor2,inter2,interaction\n"
                                      "2024-01-05,Korvanian Armed Forces,1,Northern Ridge Front,2,12\n"
                                      "2024-01-06,\"Korvanian Armed Forces,1,Northern Ridge Front,2,12\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", -1, NULL));

  assert_fatal (f, missing, "missing.csv");
  assert_fatal (f, no_header, "“actor1”");
  assert_fatal (f, unclosed, "Row 3");
  assert_fatal (f, empty, "empty");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  lia_core_register_types ();

  g_test_add ("/acled-import/fixture", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add ("/acled-import/fatal", Fixture, NULL, fixture_setup, test_fatal, fixture_teardown);

  return g_test_run ();
}
