/* lia-cli-sync.c — enrol with HQ, sync, and see where sync has got to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n.h>

#include "lia-cli-command.h"

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
print_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  lia_cli_print_json (root);
}

static int
enrol_run (const LiaCliCommand  *command,
           LiaCliOptions        *options,
           int                   argc,
           char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaSyncEngine) engine = NULL;
  g_autoptr(LiaSyncEnrolment) enrolment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("How HQ lists this device (the computer’s name by default)"), N_("NAME") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc < 3)
    return lia_cli_usage_error (command, _("%s is missing"), argc < 2 ? _("URL") : _("CODE"));
  if (argc > 3)
    return lia_cli_usage_error (command, _("unexpected argument “%s”"), argv[3]);
  if (name != NULL && (!g_utf8_validate (name, -1, NULL) || *g_strstrip (name) == '\0'))
    return lia_cli_usage_error (command, _("--name needs a name in UTF-8"));

  /* The address and the code are checked before the data folder is made. */
  if (!lia_sync_validate_hq_address (argv[1], &error) ||
      !lia_sync_engine_check_code (argv[2], &error) ||
      !(store = lia_cli_open_store (options, &error)))
    return lia_cli_failure (error);

  engine = lia_sync_engine_new (store);
  if (!lia_sync_engine_enrol (engine, argv[1], argv[2], name, &error))
    return lia_cli_failure (error);

  enrolment = lia_sync_engine_dup_enrolment (engine);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_string_member (builder, "hq_url", enrolment->hq_url);
      add_string_member (builder, "device_id", enrolment->device_id);
      add_string_member (builder, "device_name", enrolment->device_name);
      add_string_member (builder, "operation", enrolment->operation);
      add_string_member (builder, "clearance", lia_sensitivity_to_string (enrolment->clearance));
      json_builder_end_object (builder);
      print_builder (builder);
    }
  else
    {
      g_print (_("This device is enrolled with HQ at %s, in operation %s, cleared for %s.\n"),
               enrolment->hq_url, enrolment->operation,
               lia_sensitivity_get_label (enrolment->clearance));
      /* Translators: “liaison-cli sync”: a command line to type as is */
      g_print (_("Run “%s sync” to send and receive data.\n"), LIA_CLI_NAME);
    }

  return LIA_CLI_EXIT_OK;
}

static void
print_stats (const LiaSyncStats *stats,
             gint64              unresolved)
{
  g_print (g_dngettext (NULL, "Sent %u change to HQ.\n", "Sent %u changes to HQ.\n", stats->pushed),
           stats->pushed);
  g_print (g_dngettext (NULL, "Received %u change from HQ.\n", "Received %u changes from HQ.\n", stats->pulled),
           stats->pulled);

  if (stats->refused > 0)
    /* Translators: “liaison-cli sync status”: a command line to type as is */
    g_print (g_dngettext (NULL,
                          "%u change was refused by HQ and is kept here; run “%s sync status” to see why.\n",
                          "%u changes were refused by HQ and are kept here; run “%s sync status” to see why.\n",
                          stats->refused),
             stats->refused, LIA_CLI_NAME);

  if (stats->conflicts > 0)
    g_print (g_dngettext (NULL,
                          "%u record was changed here and elsewhere at the same time: both versions are kept.\n",
                          "%u records were changed here and elsewhere at the same time: both versions are kept.\n",
                          stats->conflicts),
             stats->conflicts);

  if (unresolved > 0)
    /* Translators: “liaison-cli sync conflicts”: a command line to type as is */
    g_print (_("Run “%s sync conflicts” to choose which version to keep.\n"), LIA_CLI_NAME);
}

static int
sync_run (const LiaCliCommand  *command,
          LiaCliOptions        *options,
          int                   argc,
          char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("Reach HQ at URL for this sync only, such as through a relay"), N_("URL") },
    { NULL }
  };
  LiaSyncStats stats;
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc > 1)
    {
      if (server != NULL)
        return lia_cli_usage_error (command, _("--server applies to a sync, not to “%s”"), argv[1]);

      return lia_cli_run_subcommand (command, options, argc - 1, argv + 1);
    }

  if (server != NULL && !lia_sync_transport_check_url (server, &error))
    return lia_cli_failure (error);

  if (!(store = lia_cli_open_store (options, &error)))
    return lia_cli_failure (error);

  engine = lia_sync_engine_new (store);
  if (!lia_sync_engine_sync (engine, server, NULL, &stats, &error))
    return lia_cli_failure (error);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_int_member (builder, "pushed", stats.pushed);
      add_int_member (builder, "pulled", stats.pulled);
      add_int_member (builder, "refused", stats.refused);
      add_int_member (builder, "conflicts", stats.conflicts);
      add_int_member (builder, "unresolved_conflicts", lia_sync_engine_get_conflicts (engine));
      add_int_member (builder, "batches", stats.batches);
      add_int_member (builder, "pages", stats.pages);
      add_int_member (builder, "requests", stats.requests);
      add_int_member (builder, "connections", stats.connections);
      add_int_member (builder, "bytes_sent", stats.bytes_sent);
      add_int_member (builder, "bytes_received", stats.bytes_received);
      json_builder_end_object (builder);
      print_builder (builder);
    }
  else
    {
      print_stats (&stats, lia_sync_engine_get_conflicts (engine));
    }

  return LIA_CLI_EXIT_OK;
}

static int
status_run (const LiaCliCommand  *command,
            LiaCliOptions        *options,
            int                   argc,
            char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaSyncEngine) engine = NULL;
  g_autoptr(LiaSyncEnrolment) enrolment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last_sync = NULL;
  g_autoptr(GPtrArray) pending_types = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  gint64 pending_bytes = 0;
  GDateTime *last;
  const char *last_error;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)))
    return lia_cli_failure (error);

  engine = lia_sync_engine_new (store);
  enrolment = lia_sync_engine_dup_enrolment (engine);
  last = lia_sync_engine_get_last_sync (engine);
  last_sync = last != NULL ? lia_clock_format_iso8601 (last) : NULL;
  last_error = lia_sync_engine_get_last_error (engine);
  if (!(pending_types = lia_store_list_pending (store, &error)) ||
      !(refused = lia_store_list_refused (store, &error)))
    return lia_cli_failure (error);

  for (guint i = 0; i < pending_types->len; i++)
    pending_bytes += ((LiaPendingCount *) g_ptr_array_index (pending_types, i))->bytes;

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "enrolled");
      json_builder_add_boolean_value (builder, enrolment != NULL);
      add_string_member (builder, "hq_url", enrolment != NULL ? enrolment->hq_url : NULL);
      add_string_member (builder, "device_id", enrolment != NULL ? enrolment->device_id : NULL);
      add_string_member (builder, "device_name", enrolment != NULL ? enrolment->device_name : NULL);
      add_string_member (builder, "operation", enrolment != NULL ? enrolment->operation : NULL);
      add_string_member (builder, "clearance",
                         enrolment != NULL ? lia_sensitivity_to_string (enrolment->clearance) : NULL);
      add_int_member (builder, "pending_changes", lia_sync_engine_get_pending (engine));
      add_int_member (builder, "pending_bytes", pending_bytes);
      json_builder_set_member_name (builder, "pending_by_type");
      json_builder_begin_array (builder);
      for (guint i = 0; i < pending_types->len; i++)
        {
          const LiaPendingCount *count = g_ptr_array_index (pending_types, i);

          json_builder_begin_object (builder);
          add_string_member (builder, "record_type", count->record_type);
          add_int_member (builder, "changes", count->changes);
          add_int_member (builder, "bytes", count->bytes);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      add_int_member (builder, "conflicts", lia_sync_engine_get_conflicts (engine));
      json_builder_set_member_name (builder, "refused");
      json_builder_begin_array (builder);
      for (guint i = 0; i < refused->len; i++)
        {
          const LiaRefusedChange *one = g_ptr_array_index (refused, i);

          json_builder_begin_object (builder);
          add_string_member (builder, "record_uuid", one->record_uuid);
          add_string_member (builder, "record_type", one->record_type);
          add_int_member (builder, "revision", one->revision);
          add_string_member (builder, "reason", one->reason);
          add_string_member (builder, "message", one->message);
          add_string_member (builder, "refused_at", one->refused_at);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      add_string_member (builder, "last_sync", last_sync);
      add_string_member (builder, "last_error", last_error);
      json_builder_end_object (builder);
      print_builder (builder);
      return LIA_CLI_EXIT_OK;
    }

  if (enrolment == NULL)
    {
      g_print ("%s\n", _("This device is not enrolled with HQ."));
      /* Translators: “liaison-cli enrol URL CODE”: a command line to type as is */
      g_print (_("Run “%s enrol URL CODE” with the code from your information manager.\n"), LIA_CLI_NAME);
    }
  else
    {
      g_autofree char *pending = g_strdup_printf ("%" G_GINT64_FORMAT, lia_sync_engine_get_pending (engine));
      g_autofree char *conflicts = g_strdup_printf ("%" G_GINT64_FORMAT, lia_sync_engine_get_conflicts (engine));
      const char * const fields[][2] = {
        { _("HQ:"), enrolment->hq_url },
        { _("Device ID:"), enrolment->device_id },
        { _("Device name:"), enrolment->device_name },
        { _("Operation:"), enrolment->operation },
        { _("Clearance:"), lia_sensitivity_get_label (enrolment->clearance) },
        { _("Changes waiting for sync:"), pending },
        { _("Conflicts to resolve:"), conflicts },
        { _("Last sync:"), last_sync != NULL ? last_sync : _("never") },
        /* Only when there is one: the rest of the table always is. */
        { _("Last error:"), last_error },
      };

      lia_cli_print_fields (fields, G_N_ELEMENTS (fields) - (last_error == NULL));

      for (guint i = 0; i < pending_types->len; i++)
        {
          const LiaPendingCount *count = g_ptr_array_index (pending_types, i);
          g_autofree char *size = g_format_size (count->bytes);

          /* Translators: a record type, a number of changes and their size */
          g_print (_("  waiting: %s, %" PRId64 " (%s)\n"), count->record_type, count->changes, size);
        }

      if (refused->len > 0)
        g_print (g_dngettext (NULL, "%u change refused, kept on this device:\n",
                              "%u changes refused, kept on this device:\n", refused->len),
                 refused->len);

      /* Record types and ids only: output ends up in logs. */
      for (guint i = 0; i < refused->len; i++)
        {
          const LiaRefusedChange *one = g_ptr_array_index (refused, i);

          g_print ("  %s  %s\n    %s\n", one->record_type, one->record_uuid, one->message);
        }
    }

  return LIA_CLI_EXIT_OK;
}

static void
add_side (JsonBuilder         *builder,
          const char          *name,
          const LiaSyncChange *side)
{
  g_autoptr(JsonNode) body = json_from_string (side->body, NULL);

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  add_int_member (builder, "revision", side->revision);
  add_string_member (builder, "author_device", side->author_device);
  add_string_member (builder, "changed_at", side->changed_at);
  add_string_member (builder, "sensitivity", lia_sensitivity_to_string (side->sensitivity));
  json_builder_set_member_name (builder, "tombstone");
  json_builder_add_boolean_value (builder, side->tombstone);
  json_builder_set_member_name (builder, "body");
  json_builder_add_value (builder, g_steal_pointer (&body));
  json_builder_end_object (builder);
}

static int
conflicts_run (const LiaCliCommand  *command,
               LiaCliOptions        *options,
               int                   argc,
               char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(conflicts = lia_store_list_conflicts (store, &error)))
    return lia_cli_failure (error);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < conflicts->len; i++)
        {
          const LiaConflict *conflict = g_ptr_array_index (conflicts, i);

          json_builder_begin_object (builder);
          add_int_member (builder, "id", conflict->id);
          add_string_member (builder, "record_uuid", conflict->local->uuid);
          add_string_member (builder, "record_type", conflict->local->record_type);
          add_string_member (builder, "kept", conflict->local_won ? "mine" : "theirs");
          add_string_member (builder, "detected_at", conflict->detected_at);
          add_side (builder, "mine", conflict->local);
          add_side (builder, "theirs", conflict->remote);
          {
            g_auto(GStrv) fields = lia_conflict_dup_differing_fields (conflict);

            json_builder_set_member_name (builder, "differing_fields");
            json_builder_begin_array (builder);
            for (guint f = 0; fields[f] != NULL; f++)
              json_builder_add_string_value (builder, fields[f]);
            json_builder_end_array (builder);
          }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_builder (builder);
      return LIA_CLI_EXIT_OK;
    }

  if (conflicts->len == 0)
    g_print ("%s\n", _("No conflicts to resolve."));

  /* Bodies stay out: output ends up in logs, and records can be sensitive. */
  for (guint i = 0; i < conflicts->len; i++)
    {
      const LiaConflict *conflict = g_ptr_array_index (conflicts, i);

      g_print ("%" G_GINT64_FORMAT "  %s  %s\n", conflict->id,
               conflict->local->record_type, conflict->local->uuid);
      g_print (_("    mine:   revision %" PRId64 ", %s%s\n"),
               conflict->local->revision, conflict->local->changed_at,
               conflict->local_won ? _(" (kept for now)") : "");
      g_print (_("    theirs: revision %" PRId64 ", %s, from device %s%s\n"),
               conflict->remote->revision, conflict->remote->changed_at,
               conflict->remote->author_device,
               conflict->local_won ? "" : _(" (kept for now)"));
    }

  return LIA_CLI_EXIT_OK;
}

static const LiaConflict *
find_conflict (GPtrArray *conflicts,
               gint64     id)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      const LiaConflict *conflict = g_ptr_array_index (conflicts, i);

      if (conflict->id == id)
        return conflict;
    }

  return NULL;
}

/* `sync resolve ID --merge FIELD=mine|theirs …` */
static int
resolve_merged (const LiaCliCommand  *command,
                LiaCliOptions        *options,
                gint64                id,
                char                **merge)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GHashTable) choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(GError) error = NULL;
  const LiaConflict *conflict;

  for (guint i = 0; merge[i] != NULL; i++)
    {
      const char *equals = strrchr (merge[i], '=');
      g_autofree char *field = NULL;
      LiaConflictChoice choice;

      if (equals == NULL || equals == merge[i])
        return lia_cli_usage_error (command, _("--merge takes FIELD=mine or FIELD=theirs, not “%s”"), merge[i]);

      if (g_str_equal (equals + 1, "mine"))
        choice = LIA_CONFLICT_KEEP_MINE;
      else if (g_str_equal (equals + 1, "theirs"))
        choice = LIA_CONFLICT_KEEP_THEIRS;
      else
        return lia_cli_usage_error (command, _("--merge takes FIELD=mine or FIELD=theirs, not “%s”"), merge[i]);

      field = g_strndup (merge[i], equals - merge[i]);
      if (g_hash_table_contains (choices, field))
        return lia_cli_usage_error (command, _("“%s” is chosen twice"), field);
      g_hash_table_insert (choices, g_steal_pointer (&field), GINT_TO_POINTER (choice));
    }

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(conflicts = lia_store_list_conflicts (store, &error)))
    return lia_cli_failure (error);

  if (!(conflict = find_conflict (conflicts, id)))
    {
      g_set_error_literal (&error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                           _("This conflict was already resolved, or it does not exist."));
      return lia_cli_failure (error);
    }

  if (!(merged = lia_conflict_merge_bodies (conflict, choices, &error)) ||
      !lia_store_resolve_conflict_merged (store, id, merged, &error))
    return lia_cli_failure (error);

  /* Translators: “liaison-cli sync”: a command line to type as is */
  g_print (_("Merged. Run “%s sync” to send the merged version to HQ.\n"), LIA_CLI_NAME);
  return LIA_CLI_EXIT_OK;
}

static int
resolve_run (const LiaCliCommand  *command,
             LiaCliOptions        *options,
             int                   argc,
             char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) merge = NULL;
  const GOptionEntry entries[] = {
    { "merge", 0, 0, G_OPTION_ARG_STRING_ARRAY, &merge,
      N_("Take FIELD from mine or theirs; once for each field that differs, instead of mine|theirs"),
      N_("FIELD=mine|theirs") },
    { NULL }
  };
  LiaConflictChoice choice;
  guint64 id;
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc < 2)
    return lia_cli_usage_error (command, _("%s is missing"), _("ID"));
  if (!g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return lia_cli_usage_error (command, _("“%s” is not a conflict number"), argv[1]);

  if (merge != NULL)
    {
      if (argc > 2)
        return lia_cli_usage_error (command, _("give either mine|theirs or --merge, not both"));

      return resolve_merged (command, options, id, merge);
    }

  if (argc < 3)
    return lia_cli_usage_error (command, _("%s is missing"), "mine|theirs");
  if (argc > 3)
    return lia_cli_usage_error (command, _("unexpected argument “%s”"), argv[3]);

  if (g_str_equal (argv[2], "mine"))
    choice = LIA_CONFLICT_KEEP_MINE;
  else if (g_str_equal (argv[2], "theirs"))
    choice = LIA_CONFLICT_KEEP_THEIRS;
  else
    return lia_cli_usage_error (command, _("say “mine” or “theirs”, not “%s”"), argv[2]);

  if (!(store = lia_cli_open_store (options, &error)) ||
      !lia_store_resolve_conflict (store, id, choice, &error))
    return lia_cli_failure (error);

  /* Translators: “liaison-cli sync”: a command line to type as is */
  g_print (_("Resolved. Run “%s sync” to send your choice to HQ.\n"), LIA_CLI_NAME);
  return LIA_CLI_EXIT_OK;
}

static int
log_run (const LiaCliCommand  *command,
         LiaCliOptions        *options,
         int                   argc,
         char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  int limit = 20;
  const GOptionEntry option_entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N attempts (default: 20)"), N_("N") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, option_entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc > 1)
    return lia_cli_usage_error (command, _("unexpected argument “%s”"), argv[1]);
  if (limit < 1 || limit > LIA_SYNC_LOG_KEEP)
    return lia_cli_usage_error (command, _("--limit must be between 1 and %d"), LIA_SYNC_LOG_KEEP);

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(entries = lia_store_list_sync_log (store, limit, &error)))
    return lia_cli_failure (error);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        {
          const LiaSyncLogEntry *entry = g_ptr_array_index (entries, i);

          json_builder_begin_object (builder);
          add_string_member (builder, "started_at", entry->started_at);
          add_string_member (builder, "finished_at", entry->finished_at);
          add_string_member (builder, "outcome", entry->outcome);
          add_int_member (builder, "pushed", entry->pushed);
          add_int_member (builder, "pulled", entry->pulled);
          add_int_member (builder, "conflicts", entry->conflicts);
          add_int_member (builder, "refused", entry->refused);
          add_int_member (builder, "bytes_sent", entry->bytes_sent);
          add_int_member (builder, "bytes_received", entry->bytes_received);
          add_string_member (builder, "error", entry->error);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_builder (builder);
      return LIA_CLI_EXIT_OK;
    }

  if (entries->len == 0)
    g_print ("%s\n", _("No sync yet."));

  for (guint i = 0; i < entries->len; i++)
    {
      const LiaSyncLogEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *sent = g_format_size (entry->bytes_sent);
      g_autofree char *received = g_format_size (entry->bytes_received);

      /* Translators: start time, outcome code, then counts and sizes */
      g_print (_("%s  %-9s  sent %" PRId64 ", received %" PRId64
                 ", refused %" PRId64 ", conflicts %" PRId64 "  (%s up, %s down)\n"),
               entry->started_at, entry->outcome, entry->pushed, entry->pulled, entry->refused,
               entry->conflicts, sent, received);
      if (entry->error != NULL)
        g_print ("    %s\n", entry->error);
    }

  return LIA_CLI_EXIT_OK;
}

const LiaCliCommand lia_cli_enrol_command = {
  .name = "enrol",
  .parameter_string = N_("URL CODE"),
  .summary = N_("Enrol this device with HQ, with a code from your information manager"),
  .description = N_("URL is the address of HQ, such as https://hq.example.org. "
                    "A new enrolment replaces the earlier one; changes not sent yet are kept and sent to HQ."),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = enrol_run,
};

static const LiaCliCommand status_command = {
  .name = "sync status",
  .summary = N_("Show the enrolment, what waits to be sent and the last sync"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = status_run,
};

static const LiaCliCommand conflicts_command = {
  .name = "sync conflicts",
  .summary = N_("List records changed here and elsewhere at the same time"),
  .description = N_("Both versions are kept; the record shows one of them until you choose."),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = conflicts_run,
};

static const LiaCliCommand resolve_command = {
  .name = "sync resolve",
  .parameter_string = N_("ID mine|theirs"),
  .summary = N_("Keep your version of a record, or theirs, or merge them field by field"),
  .description = N_("The version you keep becomes a new change, sent to HQ at the next sync. "
                    "With --merge, name each field that differs (see “sync conflicts --json”) "
                    "and the version to take it from."),
  .run = resolve_run,
};

static const LiaCliCommand log_command = {
  .name = "sync log",
  .summary = N_("List the last sync attempts: when, how they ended, what they moved"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = log_run,
};

static const LiaCliCommand * const subcommands[] = {
  &status_command,
  &conflicts_command,
  &resolve_command,
  &log_command,
};

const LiaCliCommand lia_cli_sync_command = {
  .name = "sync",
  .parameter_string = N_("[SUBCOMMAND [ARG…]]"),
  .summary = N_("Send changes to HQ and receive what HQ has for this device"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = sync_run,
  .subcommands = subcommands,
  .n_subcommands = G_N_ELEMENTS (subcommands),
};
