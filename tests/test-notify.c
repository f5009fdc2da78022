/* test-notify.c — humanitarian notification: validation, lifecycle, log,
 * overdue tracking, incident links and packages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "liaison-core.h"
#include "lia-test-util.h"
#include "lia-test-store.h"

#define OPERATION "korvania"

typedef struct
{
  char     *dir;
  LiaClock *clock;
  LiaStore *store;
  char     *kaf;      /* actor uuids: two parties */
  char     *nrf;
} Fixture;

static GDateTime *
utc (const char *text)
{
  GDateTime *time = lia_notify_time_parse (text, NULL);

  g_assert_nonnull (time);
  return time;
}

static char *
add_actor (LiaStore   *store,
           const char *name)
{
  g_autoptr(LiaActor) actor = lia_actor_new (OPERATION, name, LIA_ACTOR_TYPE_STATE_FORCES);
  g_autoptr(GError) error = NULL;

  g_assert_true (lia_store_save (store, LIA_RECORD (actor), &error));
  g_assert_no_error (error);
  return g_strdup (lia_record_get_uuid (LIA_RECORD (actor)));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = utc ("2026-11-20T08:00:00Z");

  f->dir = g_dir_make_tmp ("liaison-notify-XXXXXX", NULL);
  f->clock = lia_clock_new_fixed (now);
  f->store = lia_test_open_store_in_dir (f->dir, f->clock);
  g_assert_no_error (error);
  f->kaf = add_actor (f->store, "Korvanian Armed Forces");
  f->nrf = add_actor (f->store, "Northern Ridge Front");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  lia_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->kaf);
  g_free (f->nrf);
}

static LiaSiteNotification *
valid_site (double lat,
            double lon)
{
  LiaSiteNotification *site = lia_site_notification_new (OPERATION);
  g_autoptr(GDateTime) from = utc ("2026-11-01T00:00:00Z");
  g_autoptr(GDateTime) until = utc ("2027-02-01T00:00:00Z");

  lia_site_notification_set_organisation (site, "Korvanian Red Crescent");
  lia_site_notification_set_facility_type (site, LIA_FACILITY_HEALTH);
  lia_site_notification_set_name (site, "Orrin primary health centre");
  lia_site_notification_set_location (site, lat, lon);
  lia_site_notification_set_admin_area (site, "Orrin District");
  lia_site_notification_set_function (site, "Primary health care");
  lia_site_notification_set_contact (site, "Site manager");
  lia_site_notification_set_persons_present (site, 25);
  lia_site_notification_set_valid_from (site, from);
  lia_site_notification_set_valid_until (site, until);
  lia_site_notification_set_reference (site, "HNS-S-1");

  return site;
}

static LiaMovementNotification *
valid_movement (const char *departure)
{
  LiaMovementNotification *movement = lia_movement_notification_new (OPERATION);
  g_autoptr(GDateTime) leave = utc (departure);
  g_autoptr(GDateTime) leave_end = g_date_time_add_hours (leave, 2);
  g_autoptr(GDateTime) arrive = g_date_time_add_hours (leave, 6);
  g_autoptr(GDateTime) arrive_end = g_date_time_add_hours (leave, 8);

  lia_movement_notification_set_organisation (movement, "Korvanian Red Crescent");
  lia_movement_notification_set_movement_type (movement, LIA_MOVEMENT_FOOD);
  lia_movement_notification_set_origin (movement, "Korva", 12.0, 30.0);
  lia_movement_notification_add_waypoint (movement, "Ford", 12.0, 30.2);
  lia_movement_notification_set_destination (movement, "Orrin", 12.0, 30.4);
  lia_movement_notification_set_departure (movement, leave, leave_end);
  lia_movement_notification_set_arrival (movement, arrive, arrive_end);
  lia_movement_notification_set_vehicle_count (movement, 2);
  lia_movement_notification_set_convoy_leader (movement, "Convoy leader");
  lia_movement_notification_set_reference (movement, "HNS-M-1");

  return movement;
}

/* Asserts an issue of @severity about @field. */
static void
assert_issue (GPtrArray             *issues,
              const char            *field,
              LiaValidationSeverity  severity)
{
  const LiaValidationIssue *issue = lia_validation_find (issues, field);

  if (issue == NULL || issue->severity != severity)
    {
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint i = 0; i < issues->len; i++)
        {
          g_autofree char *text = lia_validation_issue_to_string (g_ptr_array_index (issues, i));

          g_string_append_printf (all, "\n  %s", text);
        }
      g_error ("no %s about “%s” among:%s", severity == LIA_VALIDATION_ERROR ? "error" : "warning",
               field, all->str);
    }
}

static void
assert_no_issues (GPtrArray *issues)
{
  if (issues->len > 0)
    {
      g_autofree char *text = lia_validation_issue_to_string (g_ptr_array_index (issues, 0));

      g_error ("unexpected issue: %s", text);
    }
}

static void
test_site_valid (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LiaSiteNotification) site = valid_site (12.23, 30.44);
  g_autoptr(GPtrArray) issues = lia_site_notification_validate (site, f->store, NULL);

  assert_no_issues (issues);
  g_assert_cmpint (lia_record_get_sensitivity (LIA_RECORD (site)), ==, LIA_SENSITIVITY_RESTRICTED);
}

static void
test_site_required (void)
{
  g_autoptr(LiaSiteNotification) site = lia_site_notification_new (OPERATION);
  g_autoptr(GPtrArray) issues = lia_site_notification_validate (site, NULL, NULL);
  const char * const required[] = { "organisation", "name", "location", "function", "contact", "valid_from" };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    assert_issue (issues, required[i], LIA_VALIDATION_ERROR);
  g_assert_cmpuint (lia_validation_count (issues, LIA_VALIDATION_ERROR), ==, G_N_ELEMENTS (required));
  g_assert_cmpstr (lia_validation_find (issues, "location")->guidance, ==, "hns-static-site");
}

static void
test_coordinates (void)
{
  const struct { double lat, lon; const char *field; } cases[] = {
    { 90.5, 30.0, "location.lat" },
    { -91.0, 30.0, "location.lat" },
    { 12.0, 180.01, "location.lon" },
    { 12.0, -200.0, "location.lon" },
    { 0.0, 0.0, "location" },
    { NAN, NAN, "location" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LiaSiteNotification) site = valid_site (cases[i].lat, cases[i].lon);
      g_autoptr(GPtrArray) issues = lia_site_notification_validate (site, NULL, NULL);

      assert_issue (issues, cases[i].field, LIA_VALIDATION_ERROR);
    }

  /* The edges are valid, and so is a point on the equator. */
  {
    g_autoptr(LiaSiteNotification) site = valid_site (-90.0, 180.0);
    g_autoptr(LiaSiteNotification) equator = valid_site (0.0, 30.0);
    g_autoptr(GPtrArray) issues = lia_site_notification_validate (site, NULL, NULL);
    g_autoptr(GPtrArray) equator_issues = lia_site_notification_validate (equator, NULL, NULL);

    assert_no_issues (issues);
    assert_no_issues (equator_issues);
  }
}

static void
test_area (void)
{
  g_autoptr(LiaOperationRules) rules = lia_operation_rules_new (OPERATION);
  g_autoptr(LiaSiteNotification) inside = valid_site (12.2, 30.4);
  g_autoptr(LiaSiteNotification) swapped = valid_site (30.4, 12.2);
  g_autoptr(GPtrArray) inside_issues = NULL;
  g_autoptr(GPtrArray) swapped_issues = NULL;
  g_autoptr(LiaMovementNotification) movement = valid_movement ("2026-11-25T08:00:00Z");
  g_autoptr(GPtrArray) movement_issues = NULL;

  lia_operation_rules_set_area (rules, 11.0, 29.5, 13.5, 31.5);
  inside_issues = lia_site_notification_validate (inside, NULL, rules);
  swapped_issues = lia_site_notification_validate (swapped, NULL, rules);
  assert_no_issues (inside_issues);
  assert_issue (swapped_issues, "location", LIA_VALIDATION_WARNING);
  g_assert_false (lia_validation_has_errors (swapped_issues));

  lia_movement_notification_add_waypoint (movement, "Far away", 20.0, 30.0);
  movement_issues = lia_movement_notification_validate (movement, rules, NULL);
  assert_issue (movement_issues, "waypoints[1]", LIA_VALIDATION_WARNING);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LiaSiteNotification) active = valid_site (12.2300, 30.4400);
  g_autoptr(LiaSiteNotification) near = valid_site (12.2303, 30.4400);    /* ~33 m north */
  g_autoptr(LiaSiteNotification) apart = valid_site (12.2308, 30.4400);   /* ~89 m north */
  g_autoptr(GPtrArray) draft_issues = NULL;
  g_autoptr(GPtrArray) near_issues = NULL;
  g_autoptr(GPtrArray) apart_issues = NULL;
  g_autoptr(GPtrArray) self_issues = NULL;
  g_autoptr(GError) error = NULL;

  /* A draft is not on any party's list yet: no duplicate. */
  g_assert_true (lia_store_save (f->store, LIA_RECORD (active), &error));
  draft_issues = lia_site_notification_validate (near, f->store, NULL);
  assert_no_issues (draft_issues);

  g_assert_true (lia_site_notification_transition (active, LIA_SITE_STATUS_ACTIVE, &error));
  g_assert_true (lia_store_save (f->store, LIA_RECORD (active), &error));
  g_assert_no_error (error);

  near_issues = lia_site_notification_validate (near, f->store, NULL);
  apart_issues = lia_site_notification_validate (apart, f->store, NULL);
  self_issues = lia_site_notification_validate (active, f->store, NULL);
  assert_issue (near_issues, "location", LIA_VALIDATION_WARNING);
  g_assert_nonnull (strstr (lia_validation_find (near_issues, "location")->message, "Orrin primary health centre"));
  assert_no_issues (apart_issues);
  assert_no_issues (self_issues);
}

static void
test_text_limits (void)
{
  g_autoptr(LiaSiteNotification) site = valid_site (12.2, 30.4);
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *long_name = g_strnfill (201, 'x');
  g_autofree char *arabic = NULL;
  g_autoptr(GString) arabic_text = g_string_new (NULL);
  g_autoptr(GPtrArray) arabic_issues = NULL;

  lia_site_notification_set_name (site, long_name);
  lia_site_notification_set_address (site, "Market \xff Road");
  issues = lia_site_notification_validate (site, NULL, NULL);
  assert_issue (issues, "name", LIA_VALIDATION_ERROR);
  assert_issue (issues, "address", LIA_VALIDATION_ERROR);
  g_assert_nonnull (strstr (lia_validation_find (issues, "address")->message, "UTF-8"));

  /* Limits count characters, not bytes: 200 Arabic letters fit. */
  for (guint i = 0; i < 200; i++)
    g_string_append (arabic_text, "ع");
  lia_site_notification_set_name (site, arabic_text->str);
  lia_site_notification_set_address (site, NULL);
  arabic_issues = lia_site_notification_validate (site, NULL, NULL);
  assert_no_issues (arabic_issues);
}

static void
test_validity (void)
{
  g_autoptr(LiaSiteNotification) site = valid_site (12.2, 30.4);
  g_autoptr(GDateTime) before = utc ("2026-10-01T00:00:00Z");
  g_autoptr(GPtrArray) issues = NULL;

  lia_site_notification_set_valid_until (site, before);
  issues = lia_site_notification_validate (site, NULL, NULL);
  assert_issue (issues, "valid_until", LIA_VALIDATION_ERROR);
}

static void
test_movement_windows (void)
{
  g_autoptr(LiaMovementNotification) movement = valid_movement ("2026-11-25T08:00:00Z");
  g_autoptr(GDateTime) leave = utc ("2026-11-25T08:00:00Z");
  g_autoptr(GDateTime) earlier = utc ("2026-11-25T06:00:00Z");
  g_autoptr(GDateTime) arrive_early = utc ("2026-11-25T07:00:00Z");
  g_autoptr(GPtrArray) ok = lia_movement_notification_validate (movement, NULL, NULL);
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) arrival_issues = NULL;

  assert_no_issues (ok);

  lia_movement_notification_set_departure (movement, leave, earlier);
  issues = lia_movement_notification_validate (movement, NULL, NULL);
  assert_issue (issues, "departure.end", LIA_VALIDATION_ERROR);

  lia_movement_notification_set_departure (movement, leave, leave);
  lia_movement_notification_set_arrival (movement, arrive_early, leave);
  arrival_issues = lia_movement_notification_validate (movement, NULL, NULL);
  assert_issue (arrival_issues, "arrival.start", LIA_VALIDATION_ERROR);
}

static void
test_movement_required (void)
{
  g_autoptr(LiaMovementNotification) movement = lia_movement_notification_new (OPERATION);
  g_autoptr(GPtrArray) issues = lia_movement_notification_validate (movement, NULL, NULL);
  const char * const required[] = {
    "organisation", "origin", "destination", "departure.start", "departure.end",
    "arrival.start", "arrival.end", "convoy_leader",
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    assert_issue (issues, required[i], LIA_VALIDATION_ERROR);
  g_assert_cmpint (lia_record_get_sensitivity (LIA_RECORD (movement)), ==, LIA_SENSITIVITY_CONFIDENTIAL);
}

static void
test_lead_time (void)
{
  g_autoptr(GDateTime) now = utc ("2026-11-20T08:00:00Z");
  g_autoptr(LiaOperationRules) rules = lia_operation_rules_new (OPERATION);
  const struct { const char *departure; gboolean emergency; gboolean valid; } cases[] = {
    { "2026-11-22T08:00:00Z", FALSE, TRUE },    /* 48 h: just in time */
    { "2026-11-22T07:59:00Z", FALSE, FALSE },
    { "2026-11-21T08:00:00Z", TRUE, TRUE },     /* 24 h for an emergency */
    { "2026-11-21T07:00:00Z", TRUE, FALSE },
    { "2026-11-21T09:00:00Z", FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LiaMovementNotification) movement = valid_movement (cases[i].departure);
      g_autoptr(GPtrArray) issues = NULL;

      lia_movement_notification_set_emergency (movement, cases[i].emergency);
      issues = lia_movement_notification_validate (movement, rules, now);
      if (cases[i].valid)
        assert_no_issues (issues);
      else
        assert_issue (issues, "departure.start", LIA_VALIDATION_ERROR);
    }

  /* Once under way the lead time no longer applies. */
  {
    g_autoptr(LiaMovementNotification) movement = valid_movement ("2026-11-20T09:00:00Z");
    g_autoptr(GPtrArray) issues = NULL;

    g_assert_true (lia_movement_notification_transition (movement, LIA_MOVEMENT_STATUS_NOTIFIED, NULL));
    g_assert_true (lia_movement_notification_transition (movement, LIA_MOVEMENT_STATUS_UNDER_WAY, NULL));
    issues = lia_movement_notification_validate (movement, rules, now);
    assert_no_issues (issues);
  }

  /* The emergency lead time is the operation's to set. */
  {
    g_autoptr(LiaMovementNotification) movement = valid_movement ("2026-11-20T09:00:00Z");
    g_autoptr(GPtrArray) issues = NULL;

    lia_movement_notification_set_emergency (movement, TRUE);
    lia_operation_rules_set_emergency_lead_hours (rules, 0);
    issues = lia_movement_notification_validate (movement, rules, now);
    assert_no_issues (issues);
  }
}

static void
test_plates (void)
{
  g_autoptr(LiaMovementNotification) movement = valid_movement ("2026-11-25T08:00:00Z");
  const char * const plates[] = { "KRC-1", NULL };
  g_autoptr(GPtrArray) issues = NULL;

  lia_movement_notification_set_plates (movement, plates);
  issues = lia_movement_notification_validate (movement, NULL, NULL);
  assert_issue (issues, "vehicles.plates", LIA_VALIDATION_WARNING);
}

static JsonObject *
parse (const char *json)
{
  gboolean repaired;
  g_autoptr(GError) error = NULL;
  JsonObject *object = lia_validation_parse_object (json, -1, &repaired, &error);

  g_assert_no_error (error);
  return object;
}

static void
test_json_types (void)
{
  const struct { const char *json; const char *field; } cases[] = {
    { "{\"organisation\": 5}", "organisation" },
    { "{\"facility_type\": \"castle\"}", "facility_type" },
    { "{\"location\": \"12, 30\"}", "location" },
    { "{\"location\": {\"lat\": \"12\", \"lon\": 30}}", "location.lat" },
    { "{\"location\": {\"lat\": 12}}", "location.lon" },
    { "{\"persons_present\": 2.5}", "persons_present" },
    { "{\"persons_present\": -1}", "persons_present" },
    { "{\"valid_from\": \"yesterday\"}", "valid_from" },
    { "{\"valid_from\": \"2026-02-30T08:00:00Z\"}", "valid_from" },
    { "{\"sensitivity\": \"secret\"}", "sensitivity" },
    { "{\"involvment\": \"operated\"}", "involvment" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) object = parse (cases[i].json);
      g_autoptr(GPtrArray) issues = lia_validation_issues_new ();
      g_autoptr(LiaSiteNotification) site = lia_site_notification_new_from_json (OPERATION, object, FALSE, issues);
      g_autoptr(GPtrArray) more = lia_site_notification_validate (site, NULL, NULL);

      g_ptr_array_extend_and_steal (issues, g_steal_pointer (&more));
      g_assert_nonnull (lia_validation_find (issues, cases[i].field));
    }

  /* Nested movement fields and route points are named by path. */
  {
    g_autoptr(JsonObject) object = parse ("{\"departure\": {\"start\": 7}, \"waypoints\": [{\"lat\": 12, \"lon\": 300}],"
                                          " \"vehicles\": \"three\", \"emergency\": \"yes\"}");
    g_autoptr(GPtrArray) issues = lia_validation_issues_new ();
    g_autoptr(LiaMovementNotification) movement = lia_movement_notification_new_from_json (OPERATION, object, FALSE, issues);
    g_autoptr(GPtrArray) more = lia_movement_notification_validate (movement, NULL, NULL);

    g_ptr_array_extend_and_steal (issues, g_steal_pointer (&more));
    g_assert_nonnull (lia_validation_find (issues, "departure.start"));
    g_assert_nonnull (lia_validation_find (issues, "waypoints[0].lon"));
    g_assert_nonnull (lia_validation_find (issues, "vehicles"));
    g_assert_nonnull (lia_validation_find (issues, "emergency"));
  }

  /* Invalid UTF-8 is named by its field, not a parse error. */
  {
    gboolean repaired;
    g_autoptr(JsonObject) object = lia_validation_parse_object ("{\"name\": \"Orrin \xc3\x28 clinic\"}", -1, &repaired, NULL);
    g_autoptr(GPtrArray) issues = lia_validation_issues_new ();
    g_autoptr(LiaSiteNotification) site = NULL;

    g_assert_nonnull (object);
    g_assert_true (repaired);
    site = lia_site_notification_new_from_json (OPERATION, object, repaired, issues);
    g_assert_nonnull (strstr (lia_validation_find (issues, "name")->message, "UTF-8"));
  }
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LiaMovementNotification) movement = valid_movement ("2026-11-25T08:00:00Z");
  g_autoptr(LiaRecord) loaded = NULL;
  LiaMovementNotification *copy;
  const char * const plates[] = { "KRC-1", "KRC-2", NULL };
  g_autoptr(GError) error = NULL;

  lia_movement_notification_set_plates (movement, plates);
  lia_movement_notification_set_emergency (movement, TRUE);
  g_assert_true (lia_store_save (f->store, LIA_RECORD (movement), &error));
  g_assert_no_error (error);

  loaded = lia_store_load (f->store, lia_record_get_uuid (LIA_RECORD (movement)), &error);
  g_assert_true (LIA_IS_MOVEMENT_NOTIFICATION (loaded));
  copy = LIA_MOVEMENT_NOTIFICATION (loaded);
  g_assert_cmpstr (lia_movement_notification_get_waypoint (copy, 0)->name, ==, "Ford");
  g_assert_cmpfloat (lia_movement_notification_get_destination (copy)->lon, ==, 30.4);
  g_assert_cmpstrv (lia_movement_notification_get_plates (copy), plates);
  g_assert_true (lia_movement_notification_get_emergency (copy));
  g_assert_true (g_date_time_equal (lia_movement_notification_get_arrival_end (copy),
                                    lia_movement_notification_get_arrival_end (movement)));
  g_assert_cmpint (lia_record_get_sensitivity (loaded), ==, LIA_SENSITIVITY_CONFIDENTIAL);
}

static void
test_site_lifecycle (void)
{
  /* Every pair: exactly the legal ones pass, the rest fail with a reason. */
  const gboolean legal[3][3] = {
    /* to:        draft  active removed */
    /* draft */   { FALSE, TRUE, TRUE },
    /* active */  { FALSE, FALSE, TRUE },
    /* removed */ { FALSE, FALSE, FALSE },
  };

  for (int from = 0; from < 3; from++)
    for (int to = 0; to < 3; to++)
      {
        g_autoptr(LiaSiteNotification) site = valid_site (12.2, 30.4);
        g_autoptr(GError) error = NULL;
        gboolean moved;

        g_assert_cmpint (lia_site_notification_can_transition (from, to), ==, legal[from][to]);
        if (from >= LIA_SITE_STATUS_ACTIVE)
          g_assert_true (lia_site_notification_transition (site, from == LIA_SITE_STATUS_ACTIVE ? LIA_SITE_STATUS_ACTIVE
                                                                                               : LIA_SITE_STATUS_REMOVED, NULL));
        g_assert_cmpint (lia_site_notification_get_status (site), ==, from);

        moved = lia_site_notification_transition (site, to, &error);
        g_assert_cmpint (moved, ==, legal[from][to]);
        if (moved)
          {
            g_assert_no_error (error);
            g_assert_cmpint (lia_site_notification_get_status (site), ==, to);
          }
        else
          {
            g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
            g_assert_cmpint (lia_site_notification_get_status (site), ==, from);
          }
      }
}

static void
test_movement_lifecycle (void)
{
  const gboolean legal[5][5] = {
    /* to:          draft  notified under-way completed cancelled */
    /* draft */     { FALSE, TRUE,  FALSE, FALSE, TRUE },
    /* notified */  { FALSE, FALSE, TRUE,  FALSE, TRUE },
    /* under way */ { FALSE, FALSE, FALSE, TRUE,  TRUE },
    /* completed */ { FALSE, FALSE, FALSE, FALSE, FALSE },
    /* cancelled */ { FALSE, FALSE, FALSE, FALSE, FALSE },
  };
  /* How to reach each state from draft. */
  const LiaMovementStatus paths[5][3] = {
    { 0 },
    { LIA_MOVEMENT_STATUS_NOTIFIED },
    { LIA_MOVEMENT_STATUS_NOTIFIED, LIA_MOVEMENT_STATUS_UNDER_WAY },
    { LIA_MOVEMENT_STATUS_NOTIFIED, LIA_MOVEMENT_STATUS_UNDER_WAY, LIA_MOVEMENT_STATUS_COMPLETED },
    { LIA_MOVEMENT_STATUS_CANCELLED },
  };
  const guint path_length[5] = { 0, 1, 2, 3, 1 };

  for (int from = 0; from < 5; from++)
    for (int to = 0; to < 5; to++)
      {
        g_autoptr(LiaMovementNotification) movement = valid_movement ("2026-11-25T08:00:00Z");
        g_autoptr(GError) error = NULL;
        gboolean moved;

        g_assert_cmpint (lia_movement_notification_can_transition (from, to), ==, legal[from][to]);
        for (guint i = 0; i < path_length[from]; i++)
          g_assert_true (lia_movement_notification_transition (movement, paths[from][i], NULL));
        g_assert_cmpint (lia_movement_notification_get_status (movement), ==, from);

        moved = lia_movement_notification_transition (movement, to, &error);
        g_assert_cmpint (moved, ==, legal[from][to]);
        if (moved)
          g_assert_cmpint (lia_movement_notification_get_status (movement), ==, to);
        else
          {
            g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
            g_assert_cmpuint (strlen (error->message), >, 20);
            g_assert_cmpint (lia_movement_notification_get_status (movement), ==, from);
          }
      }
}

static LiaTransmission *
log_entry (Fixture             *f,
           LiaRecord           *notification,
           const char          *party,
           LiaTransmissionKind  kind,
           const char          *at)
{
  g_autoptr(GDateTime) time = utc (at);
  g_autoptr(GError) error = NULL;
  LiaTransmission *entry = lia_transmission_new (OPERATION, lia_record_get_uuid (notification), party, kind, time);

  g_assert_true (lia_transmission_record (entry, f->store, &error));
  g_assert_no_error (error);
  return entry;
}

static LiaRecord *
saved (Fixture   *f,
       gpointer   record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lia_store_save (f->store, record, &error));
  g_assert_no_error (error);
  return record;
}

static void
test_append_only (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LiaRecord) site = saved (f, valid_site (12.2, 30.4));
  g_autoptr(LiaTransmission) entry = log_entry (f, site, f->kaf, LIA_TRANSMISSION_SENT, "2026-11-20T07:00:00Z");
  g_autoptr(LiaRecord) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaTransmission) orphan = NULL;

  /* The first sending made the draft site active. */
  reloaded = lia_store_load (f->store, lia_record_get_uuid (site), NULL);
  g_assert_cmpint (lia_site_notification_get_status (LIA_SITE_NOTIFICATION (reloaded)), ==, LIA_SITE_STATUS_ACTIVE);

  lia_transmission_set_reference (entry, "changed afterwards");
  g_assert_false (lia_store_save (f->store, LIA_RECORD (entry), &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lia_store_delete (f->store, LIA_RECORD (entry), &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);

  /* An entry about nothing, or for a party that is not an actor. */
  orphan = lia_transmission_new (OPERATION, "no-such-notification", "no-such-actor", LIA_TRANSMISSION_SENT,
                                 lia_transmission_get_at (entry));
  g_assert_false (lia_transmission_record (orphan, f->store, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "notification"));
}

static void
test_append_only_sync (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LiaRecord) site = saved (f, valid_site (12.2, 30.4));
  g_autoptr(LiaTransmission) entry = log_entry (f, site, f->kaf, LIA_TRANSMISSION_SENT, "2026-11-20T07:00:00Z");
  LiaSyncChange change = {
    .uuid = (char *) lia_record_get_uuid (LIA_RECORD (entry)),
    .record_type = (char *) "transmission",
    .operation = (char *) OPERATION,
    .sensitivity = LIA_SENSITIVITY_RESTRICTED,
    .revision = 1,
    .author_device = (char *) "another-device",
    .changed_at = (char *) "2026-11-20T07:30:00.000000Z",
    .body = (char *) "{\"notification\":\"x\",\"party\":\"y\",\"kind\":\"acknowledged\",\"at\":\"2026-11-20T07:30:00Z\"}",
  };
  LiaApplyResult result;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaRecord) kept = NULL;

  /* The same id from another device, unpushed here: for an ordinary
   * record a conflict, for a log entry the first copy stays. */
  g_assert_true (lia_store_begin (f->store, &error));
  g_assert_true (lia_store_apply_remote (f->store, &change, &result, &error));
  g_assert_true (lia_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, LIA_APPLY_SKIPPED);
  g_assert_cmpint (lia_store_count_conflicts (f->store, NULL), ==, 0);

  kept = lia_store_load (f->store, change.uuid, NULL);
  g_assert_cmpint (lia_transmission_get_kind (LIA_TRANSMISSION (kept)), ==, LIA_TRANSMISSION_SENT);
}

static gsize
count_kind (GPtrArray      *items,
            LiaOverdueKind  kind)
{
  gsize n = 0;

  for (guint i = 0; i < items->len; i++)
    n += ((LiaOverdueItem *) g_ptr_array_index (items, i))->kind == kind;

  return n;
}

static GPtrArray *
overdue_at (Fixture    *f,
            const char *at)
{
  g_autoptr(GDateTime) now = utc (at);
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  lia_clock_set_now (f->clock, now);
  items = lia_notification_overdue_compute (f->store, OPERATION, &error);
  g_assert_no_error (error);
  return items;
}

static void
test_overdue_acknowledgement (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LiaRecord) site = saved (f, valid_site (12.2, 30.4));
  g_autoptr(LiaTransmission) sent = log_entry (f, site, f->kaf, LIA_TRANSMISSION_SENT, "2026-11-20T08:00:00Z");
  g_autoptr(LiaTransmission) sent2 = log_entry (f, site, f->nrf, LIA_TRANSMISSION_SENT, "2026-11-20T08:00:00Z");
  g_autoptr(LiaTransmission) ack = NULL;
  g_autoptr(GPtrArray) before = overdue_at (f, "2026-11-21T07:59:59Z");
  g_autoptr(GPtrArray) at = overdue_at (f, "2026-11-21T08:00:00Z");
  g_autoptr(GPtrArray) after = overdue_at (f, "2026-11-21T08:00:01Z");
  g_autoptr(GPtrArray) after_ack = NULL;
  LiaOverdueItem *item;

  g_assert_cmpuint (before->len, ==, 0);
  g_assert_cmpuint (at->len, ==, 0);
  g_assert_cmpuint (after->len, ==, 2);
  item = g_ptr_array_index (after, 0);
  g_assert_cmpint (item->kind, ==, LIA_OVERDUE_ACKNOWLEDGEMENT);
  g_assert_cmpstr (item->notification_uuid, ==, lia_record_get_uuid (site));
  /* Same due time: ordered by party uuid. */
  g_assert_cmpint (g_strcmp0 (item->party_uuid, ((LiaOverdueItem *) g_ptr_array_index (after, 1))->party_uuid), <, 0);
  g_assert_nonnull (strstr (item->message, "2026-11-21 08:00 (UTC+00:00)"));

  ack = log_entry (f, site, f->kaf, LIA_TRANSMISSION_ACKNOWLEDGED, "2026-11-21T09:00:00Z");
  after_ack = overdue_at (f, "2026-11-21T10:00:00Z");
  g_assert_cmpuint (after_ack->len, ==, 1);
  g_assert_cmpstr (((LiaOverdueItem *) g_ptr_array_index (after_ack, 0))->party_uuid, ==, f->nrf);

  /* A correction starts a new wait even after an acknowledgement. */
  {
    g_autoptr(LiaTransmission) correction = log_entry (f, site, f->kaf, LIA_TRANSMISSION_CORRECTION, "2026-11-22T08:00:00Z");
    g_autoptr(GPtrArray) later = overdue_at (f, "2026-11-23T08:00:01Z");

    g_assert_cmpuint (count_kind (later, LIA_OVERDUE_ACKNOWLEDGEMENT), ==, 2);
  }
}

static void
test_overdue_movement (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LiaRecord) movement = saved (f, valid_movement ("2026-11-22T08:00:00Z"));
  g_autoptr(LiaTransmission) sent = NULL;
  g_autoptr(GPtrArray) early = NULL;
  g_autoptr(GPtrArray) soon = NULL;
  g_autoptr(GPtrArray) late = NULL;
  g_autoptr(LiaRecord) reloaded = NULL;

  /* Sent 48 h ahead; the deadline is 24 h later; the movement leaves 24 h
   * after that. */
  sent = log_entry (f, movement, f->kaf, LIA_TRANSMISSION_SENT, "2026-11-20T08:00:00Z");
  reloaded = lia_store_load (f->store, lia_record_get_uuid (movement), NULL);
  g_assert_cmpint (lia_movement_notification_get_status (LIA_MOVEMENT_NOTIFICATION (reloaded)), ==,
                   LIA_MOVEMENT_STATUS_NOTIFIED);

  early = overdue_at (f, "2026-11-20T20:00:00Z");      /* leaves in 36 h */
  soon = overdue_at (f, "2026-11-21T08:00:00Z");       /* leaves in 24 h: at the horizon */
  late = overdue_at (f, "2026-11-21T09:00:00Z");       /* past the deadline */
  g_assert_cmpuint (early->len, ==, 0);
  g_assert_cmpuint (soon->len, ==, 1);
  g_assert_cmpint (((LiaOverdueItem *) g_ptr_array_index (soon, 0))->kind, ==, LIA_OVERDUE_MOVEMENT_UNACKNOWLEDGED);
  g_assert_cmpuint (late->len, ==, 1);
  g_assert_cmpint (((LiaOverdueItem *) g_ptr_array_index (late, 0))->kind, ==, LIA_OVERDUE_ACKNOWLEDGEMENT);

  /* A recorded refusal to acknowledge is an answer: nothing to chase. */
  {
    g_autoptr(LiaTransmission) silence = log_entry (f, movement, f->kaf, LIA_TRANSMISSION_NO_ACKNOWLEDGEMENT,
                                                    "2026-11-21T09:30:00Z");
    g_autoptr(GPtrArray) answered = overdue_at (f, "2026-11-21T10:00:00Z");

    g_assert_cmpuint (answered->len, ==, 0);
  }
}

static void
test_overdue_reconfirmation (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LiaRecord) site = saved (f, valid_site (12.2, 30.4));
  g_autoptr(LiaTransmission) sent = log_entry (f, site, f->kaf, LIA_TRANSMISSION_SENT, "2026-11-01T08:00:00Z");
  g_autoptr(LiaTransmission) ack = log_entry (f, site, f->kaf, LIA_TRANSMISSION_ACKNOWLEDGED, "2026-11-01T09:00:00Z");
  g_autoptr(GPtrArray) before = overdue_at (f, "2026-12-01T07:59:59Z");
  g_autoptr(GPtrArray) at = overdue_at (f, "2026-12-01T08:00:00Z");
  g_autoptr(LiaOperationRules) rules = lia_operation_rules_new (OPERATION);
  g_autoptr(GPtrArray) weekly = NULL;

  g_assert_cmpuint (before->len, ==, 0);
  g_assert_cmpuint (at->len, ==, 1);
  g_assert_cmpint (((LiaOverdueItem *) g_ptr_array_index (at, 0))->kind, ==, LIA_OVERDUE_RECONFIRMATION);
  g_assert_null (((LiaOverdueItem *) g_ptr_array_index (at, 0))->party_uuid);

  /* The interval is the operation's. */
  lia_operation_rules_set_reconfirm_days (rules, 7);
  saved (f, g_object_ref (rules));
  g_object_unref (rules);
  weekly = overdue_at (f, "2026-11-08T08:00:00Z");
  g_assert_cmpuint (weekly->len, ==, 1);
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LiaOperationRules) rules = lia_operation_rules_new (OPERATION);
  g_autoptr(LiaOperationRules) loaded = NULL;
  g_autoptr(GDateTime) time = utc ("2026-11-30T08:00:00Z");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;

  g_assert_false (lia_operation_rules_set_time_zone_id (rules, "Mars/Olympus_Mons", &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (lia_operation_rules_set_time_zone_id (rules, "Africa/Khartoum", &error));
  text = lia_operation_rules_format_time (rules, time);
  g_assert_cmpstr (text, ==, "2026-11-30 10:00 (UTC+02:00)");

  lia_operation_rules_set_lead_hours (rules, 72);
  lia_operation_rules_set_area (rules, 11.0, 29.5, 13.5, 31.5);
  saved (f, g_object_ref (rules));
  g_object_unref (rules);

  loaded = lia_operation_rules_load (f->store, OPERATION, &error);
  g_assert_cmpint (lia_operation_rules_get_lead_hours (loaded), ==, 72);
  g_assert_cmpint (lia_operation_rules_get_emergency_lead_hours (loaded), ==, 24);
  g_assert_cmpstr (lia_operation_rules_get_time_zone_id (loaded), ==, "Africa/Khartoum");
  g_assert_true (lia_operation_rules_contains (loaded, 12.0, 30.0));
  g_assert_false (lia_operation_rules_contains (loaded, 30.0, 12.0));

  lia_operation_rules_set_area (loaded, 13.5, 29.5, 11.0, 31.5);
  issues = lia_operation_rules_validate (loaded);
  assert_issue (issues, "area", LIA_VALIDATION_ERROR);
}

static void
test_incident_links (Fixture       *f,
                     gconstpointer  data)
{
  /* The incident: 12.2300 N 30.4400 E, 21 Nov 10:00. */
  g_autoptr(LiaIncident) incident = lia_incident_new (OPERATION);
  g_autoptr(GDateTime) at = utc ("2026-11-21T10:00:00Z");
  g_autoptr(GDateTime) ended = utc ("2026-11-15T00:00:00Z");
  g_autoptr(LiaSiteNotification) near = valid_site (12.2390, 30.4400);      /* 1 km */
  g_autoptr(LiaSiteNotification) far = valid_site (12.3200, 30.4400);       /* 10 km */
  g_autoptr(LiaSiteNotification) draft = valid_site (12.2300, 30.4410);     /* near, never notified */
  g_autoptr(LiaSiteNotification) expired = valid_site (12.2310, 30.4400);   /* near, validity over */
  g_autoptr(LiaMovementNotification) passing = valid_movement ("2026-11-21T08:00:00Z");
  g_autoptr(LiaMovementNotification) later = valid_movement ("2026-11-23T08:00:00Z");
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaTransmission) t1 = NULL, t2 = NULL, t3 = NULL, t4 = NULL, t5 = NULL;
  LiaIncidentLink *link;

  lia_incident_set_incident_type (incident, LIA_INCIDENT_SHELLING);
  lia_incident_set_at (incident, at);
  lia_incident_set_location (incident, "Orrin", 12.2300, 30.4400);
  lia_incident_set_description (incident, "Shells landed near the clinic.");

  lia_site_notification_set_name (near, "Near clinic");
  lia_site_notification_set_valid_until (expired, ended);
  /* Passing: a route along latitude 12.2345 (0.5 km north), through the
   * incident's longitude, on the road at the time. */
  lia_movement_notification_set_origin (passing, "West", 12.2345, 30.3000);
  lia_movement_notification_clear_waypoints (passing);
  lia_movement_notification_set_destination (passing, "East", 12.2345, 30.6000);
  lia_movement_notification_set_origin (later, "West", 12.2345, 30.3000);
  lia_movement_notification_clear_waypoints (later);
  lia_movement_notification_set_destination (later, "East", 12.2345, 30.6000);

  saved (f, g_object_ref (near));
  saved (f, g_object_ref (far));
  saved (f, g_object_ref (draft));
  saved (f, g_object_ref (expired));
  saved (f, g_object_ref (passing));
  saved (f, g_object_ref (later));
  g_object_unref (near);
  g_object_unref (far);
  g_object_unref (draft);
  g_object_unref (expired);
  g_object_unref (passing);
  g_object_unref (later);

  t1 = log_entry (f, LIA_RECORD (near), f->kaf, LIA_TRANSMISSION_SENT, "2026-11-10T08:00:00Z");
  t2 = log_entry (f, LIA_RECORD (near), f->nrf, LIA_TRANSMISSION_SENT, "2026-11-10T08:00:00Z");
  t3 = log_entry (f, LIA_RECORD (near), f->kaf, LIA_TRANSMISSION_ACKNOWLEDGED, "2026-11-10T12:00:00Z");
  t4 = log_entry (f, LIA_RECORD (far), f->kaf, LIA_TRANSMISSION_SENT, "2026-11-10T08:00:00Z");
  t5 = log_entry (f, LIA_RECORD (expired), f->kaf, LIA_TRANSMISSION_SENT, "2026-11-10T08:00:00Z");
  g_clear_object (&t1);
  t1 = log_entry (f, LIA_RECORD (passing), f->nrf, LIA_TRANSMISSION_SENT, "2026-11-19T08:00:00Z");
  g_clear_object (&t2);
  t2 = log_entry (f, LIA_RECORD (later), f->nrf, LIA_TRANSMISSION_SENT, "2026-11-19T08:00:00Z");

  links = lia_incident_suggest_links (f->store, incident, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 2);

  link = g_ptr_array_index (links, 0);
  g_assert_cmpstr (link->notification_uuid, ==, lia_record_get_uuid (LIA_RECORD (passing)));
  g_assert_cmpfloat_with_epsilon (link->distance_km, 0.5, 0.02);
  g_assert_nonnull (strstr (link->explanation, "Northern Ridge Front"));
  g_assert_nonnull (strstr (link->explanation, "no party had acknowledged"));

  link = g_ptr_array_index (links, 1);
  g_assert_cmpstr (link->notification_uuid, ==, lia_record_get_uuid (LIA_RECORD (near)));
  g_assert_cmpstr (link->record_type, ==, "site-notification");
  g_assert_cmpfloat_with_epsilon (link->distance_km, 1.0, 0.02);
  g_assert_nonnull (strstr (link->explanation, "Korvanian Armed Forces"));
  g_assert_nonnull (strstr (link->explanation, " and "));
  g_assert_nonnull (strstr (link->explanation, "acknowledged receipt on"));
  g_assert_nonnull (strstr (link->explanation, "2026-11-10 12:00 (UTC+00:00)"));

  /* The summary names the linked site and speaks the chosen language. */
  {
    g_autofree char *en = NULL;
    g_autofree char *fr = NULL;
    g_autofree char *ar = NULL;
    g_autoptr(GPtrArray) issues = NULL;
    g_autoptr(GPtrArray) future = NULL;

    g_autoptr(GDateTime) now = utc ("2026-11-22T08:00:00Z");

    lia_incident_link_notification (incident, lia_record_get_uuid (LIA_RECORD (near)));
    lia_incident_set_casualties (incident, LIA_CASUALTY_STAFF, LIA_CASUALTY_INJURED, 2);
    future = lia_incident_validate (incident, f->store);
    assert_issue (future, "at", LIA_VALIDATION_ERROR);

    lia_clock_set_now (f->clock, now);
    issues = lia_incident_validate (incident, f->store);
    assert_no_issues (issues);

    en = lia_incident_format_summary (incident, f->store, "en", &error);
    fr = lia_incident_format_summary (incident, f->store, "fr", &error);
    ar = lia_incident_format_summary (incident, f->store, "ar", &error);
    g_assert_nonnull (strstr (en, "Shelling"));
    g_assert_nonnull (strstr (en, "2 injured"));
    g_assert_nonnull (strstr (en, "Near clinic"));
    g_assert_nonnull (strstr (en, "acknowledged receipt"));
    g_assert_nonnull (strstr (fr, "avait été notifié"));
    g_assert_nonnull (strstr (fr, "Bombardement"));
    g_assert_nonnull (strstr (ar, "قصف مدفعي"));
  }
}

/* What a reader sees, compared loosely where pdftotext and the page
 * disagree: it marks Arabic runs with bidi embeddings, writes brackets in
 * visual order and moves vowel marks; none of that is on the page. */
static char *
loosen (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
          (c >= 0x064b && c <= 0x0652) || c == '(' || c == ')')
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", path, "-", NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return loosen (out);
}

/* Lam–alef is one glyph, which pdftotext splits apart: labels with one
 * are checked in the PNG, by eye. */
static gboolean
has_lam_alef (const char *text)
{
  return strstr (text, "لا") != NULL || strstr (text, "لأ") != NULL ||
         strstr (text, "لإ") != NULL || strstr (text, "لآ") != NULL;
}

static void
assert_contains (const char *text,
                 const char *needle,
                 const char *lang)
{
  g_autofree char *loose = loosen (needle);

  if (strstr (text, loose) == NULL)
    g_error ("the %s PDF lacks “%s”", lang, needle);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LiaSiteNotification) site = valid_site (12.2301, 30.4412);
  g_autoptr(LiaMovementNotification) movement = valid_movement ("2026-11-25T08:00:00Z");
  const char * const plates[] = { "KRC-1041", "KRC-1042", NULL };
  const char * const site_fields[] = {
    "organisation", "facility_type", "name", "location.lat", "location.lon", "admin_area", "address",
    "function", "involvement", "persons_present", "contact", "valid_from", "valid_until", "status",
    "reference", "party", "issued", "revision", "uuid", "sensitivity",
  };
  const char * const site_values[] = {
    "Korvanian Red Crescent", "Orrin primary health centre", "12.23010", "30.44120", "Orrin District",
    "Market Road", "Primary health care", "Site manager", "25", "2026-11-01 02:00 (UTC+02:00)",
    "2027-02-01 02:00 (UTC+02:00)", "HNS-S-1", "Korvanian Armed Forces",
    "2026-11-20 10:00 (UTC+02:00)",
  };
  const char * const movement_fields[] = {
    "organisation", "movement_type", "origin", "waypoints", "destination", "departure.start",
    "departure.end", "arrival.start", "arrival.end", "vehicles.count", "vehicles.plates",
    "vehicles.markings", "persons", "cargo", "convoy_leader", "emergency", "status", "reference",
  };
  const char * const movement_values[] = {
    "Korva", "Ford", "Orrin", "12.00000, 30.20000", "2026-11-25 10:00 (UTC+02:00)",
    "2026-11-25 16:00 (UTC+02:00)", "KRC-1041, KRC-1042", "White trucks", "Convoy leader", "42 t of cereals",
    "HNS-M-1",
  };
  const char * const langs[] = { "en", "fr", "ar" };
  g_autoptr(LiaOperationRules) rules = lia_operation_rules_new (OPERATION);
  g_autoptr(GError) error = NULL;

  g_assert_true (lia_operation_rules_set_time_zone_id (rules, "Africa/Khartoum", NULL));
  saved (f, g_object_ref (rules));
  g_object_unref (rules);
  lia_site_notification_set_address (site, "Market Road, Orrin");
  lia_movement_notification_set_plates (movement, plates);
  lia_movement_notification_set_markings (movement, "White trucks");
  lia_movement_notification_set_cargo (movement, "42 t of cereals");
  lia_movement_notification_set_persons (movement, 7);
  saved (f, g_object_ref (site));
  saved (f, g_object_ref (movement));
  g_object_unref (site);
  g_object_unref (movement);

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autofree char *site_path = g_strdup_printf ("%s/site-%s.pdf", f->dir, langs[l]);
      g_autofree char *movement_path = g_strdup_printf ("%s/movement-%s.pdf", f->dir, langs[l]);
      g_autofree char *site_text = NULL;
      g_autofree char *movement_text = NULL;

      g_assert_true (lia_notification_export (f->store, LIA_RECORD (site), f->kaf, langs[l],
                                              LIA_NOTIFICATION_EXPORT_PDF, FALSE, site_path, &error));
      g_assert_no_error (error);
      g_assert_true (lia_notification_export (f->store, LIA_RECORD (movement), NULL, langs[l],
                                              LIA_NOTIFICATION_EXPORT_PDF, FALSE, movement_path, &error));
      g_assert_no_error (error);

      site_text = pdf_text (site_path);
      movement_text = pdf_text (movement_path);

      for (guint i = 0; i < G_N_ELEMENTS (site_fields); i++)
        {
          const char *label = lia_notify_field_get_label_in (site_fields[i], langs[l]);

          if (!has_lam_alef (label))
            assert_contains (site_text, label, langs[l]);
        }
      for (guint i = 0; i < G_N_ELEMENTS (site_values); i++)
        assert_contains (site_text, site_values[i], langs[l]);
      assert_contains (site_text, lia_record_get_uuid (LIA_RECORD (site)), langs[l]);
      if (!has_lam_alef (lia_notify_enum_get_label_in (LIA_TYPE_FACILITY_TYPE, LIA_FACILITY_HEALTH, langs[l])))
        assert_contains (site_text, lia_notify_enum_get_label_in (LIA_TYPE_FACILITY_TYPE, LIA_FACILITY_HEALTH, langs[l]), langs[l]);

      for (guint i = 0; i < G_N_ELEMENTS (movement_fields); i++)
        {
          const char *label = lia_notify_field_get_label_in (movement_fields[i], langs[l]);

          if (!has_lam_alef (label))
            assert_contains (movement_text, label, langs[l]);
        }
      for (guint i = 0; i < G_N_ELEMENTS (movement_values); i++)
        assert_contains (movement_text, movement_values[i], langs[l]);
    }

  /* The same content as HXL CSV and GeoJSON. */
  {
    g_autofree char *csv = lia_notification_export_to_string (f->store, LIA_RECORD (site), f->kaf, "fr",
                                                              LIA_NOTIFICATION_EXPORT_CSV, FALSE, &error);
    g_autofree char *geojson = lia_notification_export_to_string (f->store, LIA_RECORD (movement), NULL, "en",
                                                                  LIA_NOTIFICATION_EXPORT_GEOJSON, FALSE, &error);
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *feature;
    JsonArray *coordinates;

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (lines), ==, 4);
    g_assert_true (g_str_has_prefix (lines[0], "Organisation,Type d’installation,Nom"));
    g_assert_true (g_str_has_prefix (lines[1], "#org+name,#loc+facility+type,#loc+facility+name,#geo+lat,#geo+lon"));
    g_assert_nonnull (strstr (lines[2], "Établissement de santé"));
    g_assert_nonnull (strstr (lines[2], "12.23010,30.44120"));
    g_assert_nonnull (strstr (lines[2], "2026-11-01 02:00 (UTC+02:00)"));
    g_assert_null (strstr (csv, "\u2066"));

    g_assert_true (json_parser_load_from_data (parser, geojson, -1, &error));
    feature = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "features"), 0);
    coordinates = json_object_get_array_member (json_object_get_object_member (feature, "geometry"), "coordinates");
    g_assert_cmpuint (json_array_get_length (coordinates), ==, 3);
    g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (coordinates, 0), 0), ==, 30.0);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (feature, "properties"), "x_cargo"),
                     ==, "42 t of cereals");
  }
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  g_assert_true (lia_notification_export_finish (result, error) || *error != NULL);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

/* The window exports in a worker thread; the store is read before. */
static void
test_export_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LiaSiteNotification) site = valid_site (12.2301, 30.4412);
  g_autofree char *path = g_build_filename (f->dir, "async.pdf", NULL);
  g_autofree char *contents = NULL;
  GError *error = NULL;

  saved (f, g_object_ref (site));
  g_object_unref (site);

  lia_notification_export_async (f->store, LIA_RECORD (site), f->nrf, "ar", LIA_NOTIFICATION_EXPORT_PDF,
                                 FALSE, path, NULL, export_done, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* An unknown party fails before any thread starts. */
  lia_notification_export_async (f->store, LIA_RECORD (site), "no-such-actor", "en", LIA_NOTIFICATION_EXPORT_PDF,
                                 FALSE, path, NULL, export_done, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/notify/validation/site-required", test_site_required);
  g_test_add_func ("/notify/validation/coordinates", test_coordinates);
  g_test_add_func ("/notify/validation/area", test_area);
  g_test_add_func ("/notify/validation/text-limits", test_text_limits);
  g_test_add_func ("/notify/validation/validity", test_validity);
  g_test_add_func ("/notify/validation/movement-required", test_movement_required);
  g_test_add_func ("/notify/validation/movement-windows", test_movement_windows);
  g_test_add_func ("/notify/validation/lead-time", test_lead_time);
  g_test_add_func ("/notify/validation/plates", test_plates);
  g_test_add_func ("/notify/validation/json-types", test_json_types);
  g_test_add_func ("/notify/lifecycle/site", test_site_lifecycle);
  g_test_add_func ("/notify/lifecycle/movement", test_movement_lifecycle);
  ADD ("/notify/validation/site-valid", test_site_valid);
  ADD ("/notify/validation/duplicate", test_duplicate);
  ADD ("/notify/store/round-trip", test_round_trip);
  ADD ("/notify/transmission/append-only", test_append_only);
  ADD ("/notify/transmission/sync-no-conflict", test_append_only_sync);
  ADD ("/notify/overdue/acknowledgement", test_overdue_acknowledgement);
  ADD ("/notify/overdue/movement", test_overdue_movement);
  ADD ("/notify/overdue/reconfirmation", test_overdue_reconfirmation);
  ADD ("/notify/rules", test_rules);
  ADD ("/notify/incident/links", test_incident_links);
  ADD ("/notify/export", test_export);
  ADD ("/notify/export-async", test_export_async);

  return g_test_run ();
}
