/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

#include "lia-clock.h"
#include "lia-curated-lessons.h"
#include "lia-directory.h"
#include "lia-error.h"
#include "lia-guidance-pack.h"
#include "lia-hq-auth.h"
#include "lia-hq-escrow.h"
#include "lia-hq-server.h"
#include "lia-hq-store.h"
#include "lia-hq-store-private.h"
#include "lia-hq-users.h"
#include "lia-process.h"
#include "lia-i18n.h"
#include "lia-sync-protocol.h"

/* Scripts tell a mistake in the command line from a failure at run time. */
enum {
  EXIT_OK      = 0,
  EXIT_FAILED  = 1,
  EXIT_USAGE   = 2,
};

#define DEFAULT_LISTEN "127.0.0.1"
#define DEFAULT_PORT   8080

#define DEFAULT_CODE_HOURS  72
#define MAX_CODE_HOURS      (24 * 365)
#define DEFAULT_TOKEN_DAYS  365
#define MAX_TOKEN_DAYS      (10 * 365)

typedef int (*LiaHqCommandFunc) (int    argc,
                                 char **argv);

typedef struct
{
  const char       *name;
  const char       *summary;
  LiaHqCommandFunc  run;
} LiaHqCommand;

static int cmd_serve             (int    argc,
                                  char **argv);
static int cmd_enrol_code        (int    argc,
                                  char **argv);
static int cmd_devices           (int    argc,
                                  char **argv);
static int cmd_revoke            (int    argc,
                                  char **argv);
static int cmd_publish_guidance  (int    argc,
                                  char **argv);
static int cmd_publish_directory (int    argc,
                                  char **argv);
static int cmd_user              (int    argc,
                                  char **argv);
static int cmd_publish_lessons   (int    argc,
                                  char **argv);
static int cmd_escrow            (int    argc,
                                  char **argv);

/* One entry per subcommand; help lists them in this order. */
static const LiaHqCommand commands[] = {
  { "serve", N_("Run the HQ sync service until stopped"), cmd_serve },
  { "enrol-code", N_("Print a one-time code that enrols a field device"), cmd_enrol_code },
  { "devices", N_("List the enrolled devices"), cmd_devices },
  { "revoke", N_("Revoke a device: its token stops working at once"), cmd_revoke },
  { "publish-guidance", N_("Publish a guidance pack for every device to download"), cmd_publish_guidance },
  { "publish-directory", N_("Publish the deployments directory to every device"), cmd_publish_directory },
  { "user", N_("Add, list or remove the HQ users of the dashboard"), cmd_user },
  { "publish-lessons", N_("Publish curated lessons observed to every device"), cmd_publish_lessons },
  { "escrow", N_("Recovery of laptops whose passphrase is lost: HQ's key, per operation"), cmd_escrow },
};

static const LiaHqCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (commands[i].name, name) == 0)
        return &commands[i];
    }

  return NULL;
}

static char *
build_commands_summary (void)
{
  GString *str = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (str, "\n  %-20s %s", commands[i].name, _(commands[i].summary));

  g_string_append (str, "\n\n");
  g_string_append (str, _("Run “liaison-hq COMMAND --help” to see the options of a command."));

  return g_string_free (str, FALSE);
}

/* A command-line mistake: say what to fix and how to learn more. */
static int
usage_error (const char *command,
             const char *message)
{
  if (command != NULL)
    {
      g_printerr ("liaison-hq %s: %s\n", command, message);
      g_printerr (_("Run “liaison-hq %s --help” to see its options."), command);
    }
  else
    {
      g_printerr ("liaison-hq: %s\n", message);
      g_printerr ("%s", _("Run “liaison-hq help” to see the commands."));
    }
  g_printerr ("\n");

  return EXIT_USAGE;
}

static gboolean
on_quit_signal (gpointer user_data)
{
  GMainLoop *main_loop = user_data;

  g_main_loop_quit (main_loop);

  return G_SOURCE_CONTINUE;
}

/* Parses a command's options and checks it got exactly @n_args arguments
 * (named by @parameter in the help).  Returns -1 to go on, or the exit
 * status. */
static int
parse_command (const char          *command,
               const char          *parameter,
               const char          *summary,
               const char          *description,
               const GOptionEntry  *entries,
               int                 *argc,
               char              ***argv,
               int                  n_args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strconcat ("liaison-hq ", command, NULL);

  g_set_prgname (prgname);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);

  if (!g_option_context_parse (context, argc, argv, &error))
    return usage_error (command, error->message);

  if (*argc > n_args + 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), (*argv)[n_args + 1]);

      return usage_error (command, message);
    }

  if (*argc < n_args + 1)
    {
      g_autofree char *message = g_strdup_printf (_("Give %s."), parameter);

      return usage_error (command, message);
    }

  return -1;
}

static int
require_db (const char *command,
            const char *db_path)
{
  if (db_path == NULL || db_path[0] == '\0')
    return usage_error (command, _("Give the HQ database with --db FILE."));

  return -1;
}

/* Opens the HQ database for a command; @must_exist for commands that only
 * make sense on a database that has been used. */
static LiaHqStore *
open_store (const char *command,
            const char *db_path,
            gboolean    must_exist)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_name (db_path);
  LiaHqStore *store;

  if (must_exist && !g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("liaison-hq %s: there is no HQ database “%s”.\n"), command, name);
      return NULL;
    }

  if (!(store = lia_hq_store_open (db_path, &error)))
    {
      /* The core's message names the file when it could not open it at
       * all, but not when the file is from a newer version. */
      if (g_error_matches (error, LIA_ERROR, LIA_ERROR_SCHEMA_TOO_NEW))
        g_printerr (_("liaison-hq %s: cannot use the HQ database “%s”: %s\n"), command, name, error->message);
      else
        g_printerr ("liaison-hq %s: %s\n", command, error->message);
    }

  return store;
}

/* Closes and says so if the data may not all have reached the file. */
static int
close_store (const char *command,
             LiaHqStore *store,
             int         ret)
{
  g_autoptr(GError) error = NULL;

  if (!lia_hq_store_close (store, &error))
    {
      g_printerr (_("liaison-hq %s: the database was not closed cleanly: %s\n"), command, error->message);
      return EXIT_FAILED;
    }

  return ret;
}

/* Operation ids travel in every record: short, ASCII, no “*” (that is
 * global content). */
static gboolean
is_operation_id (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > 64 || !g_ascii_isalnum (id[0]))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (id[i]) && id[i] != '-' && id[i] != '_' && id[i] != '.')
        return FALSE;
    }

  return TRUE;
}

static int
cmd_serve (int    argc,
           char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(LiaHqStore) store = NULL;
  g_autoptr(LiaHqServer) server = NULL;
  g_autoptr(GMainLoop) main_loop = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  gboolean insecure_http = FALSE;
  guint sigterm_id;
  guint sigint_id;
  int port = DEFAULT_PORT;
  int idle_timeout = LIA_HQ_SERVER_DEFAULT_IDLE_TIMEOUT;
  int rate_limit = LIA_HQ_SERVER_DEFAULT_RATE_LIMIT;
  int max_body_kib = LIA_HQ_SERVER_DEFAULT_MAX_BODY_SIZE / 1024;
  int session_idle = LIA_HQ_DASHBOARD_DEFAULT_SESSION_IDLE;
  int session_max = LIA_HQ_DASHBOARD_DEFAULT_SESSION_MAX;
  int ret;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("HQ database (created if missing; required)"), N_("FILE") },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen,
      N_("IP address to listen on (default: 127.0.0.1)"), N_("ADDRESS") },
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      N_("TCP port (default: 8080; 0 picks a free one)"), N_("PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert,
      N_("Serve HTTPS with this PEM certificate (chain)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key,
      N_("The PEM private key of --tls-cert"), N_("FILE") },
    { "insecure-http", 0, 0, G_OPTION_ARG_NONE, &insecure_http,
      N_("Serve plain HTTP on a loopback address, behind a TLS reverse proxy or for tests"), NULL },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &idle_timeout,
      N_("Drop connections silent for this many seconds (default: 60)"), N_("SECONDS") },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit,
      N_("Requests per minute per device, and per address without a token (default: 60)"), N_("N") },
    { "max-body", 0, 0, G_OPTION_ARG_INT, &max_body_kib,
      N_("Refuse request bodies larger than this, as sent (default and most: 8192)"), N_("KIB") },
    { "session-idle", 0, 0, G_OPTION_ARG_INT, &session_idle,
      N_("End a dashboard session after this many seconds without use (default: 1800)"), N_("SECONDS") },
    { "session-max", 0, 0, G_OPTION_ARG_INT, &session_max,
      N_("End a dashboard session this many seconds after signing in (default: 43200)"), N_("SECONDS") },
    { NULL }
  };

  if ((ret = parse_command ("serve", NULL,
                            _("Answer field devices on the sync API until stopped with SIGTERM or Ctrl+C."),
                            _("liaison-hq serves HTTPS with --tls-cert and --tls-key. With --insecure-http it "
                              "speaks plain HTTP on a loopback address only: to expose it, put it behind a TLS "
                              "reverse proxy that forwards to that address.\n\n"
                              "It also serves the HQ dashboard, HTML pages for HQ staff, at /dashboard/ on the "
                              "same address. HQ users sign in with the accounts that “liaison-hq user add” "
                              "creates, and see only the operations and the sensitivity their account allows."),
                            entries, &argc, &argv, 0)) >= 0)
    return ret;

  if ((ret = require_db ("serve", db_path)) >= 0)
    return ret;

  if (port < 0 || port > G_MAXUINT16)
    return usage_error ("serve", _("--port must be between 0 and 65535; 0 picks a free port."));

  if (idle_timeout < 1)
    return usage_error ("serve", _("--idle-timeout must be at least 1 second."));

  if (rate_limit < 1)
    return usage_error ("serve", _("--rate-limit must be at least 1 request per minute."));

  if (max_body_kib < 1 || max_body_kib > LIA_HQ_SERVER_DEFAULT_MAX_BODY_SIZE / 1024)
    return usage_error ("serve", _("--max-body must be between 1 and 8192 KiB."));
  if (session_idle < 1 || session_max < 1)
    return usage_error ("serve", _("--session-idle and --session-max must be at least 1 second."));

  if (listen == NULL)
    listen = g_strdup (DEFAULT_LISTEN);

  if (!(address = g_inet_address_new_from_string (listen)))
    {
      g_autofree char *message = g_strdup_printf (_("--listen must be an IP address such as 127.0.0.1 or ::1, not “%s”."),
                                                  listen);

      return usage_error ("serve", message);
    }

  if ((tls_cert == NULL) != (tls_key == NULL))
    return usage_error ("serve", _("Give both --tls-cert and --tls-key."));

  if (tls_cert != NULL && insecure_http)
    return usage_error ("serve", _("Give either --tls-cert and --tls-key, or --insecure-http, not both."));

  /* Tokens and operational data must never cross a network in clear. */
  if (tls_cert == NULL && !insecure_http)
    return usage_error ("serve", _("Give --tls-cert and --tls-key to serve HTTPS, or --insecure-http to serve "
                                   "plain HTTP on a loopback address behind a TLS reverse proxy."));

  if (insecure_http && !g_inet_address_get_is_loopback (address))
    {
      g_autofree char *message = g_strdup_printf (_("%s is not a loopback address: --insecure-http serves only "
                                                    "127.0.0.1 or ::1. Serve HTTPS with --tls-cert and --tls-key, "
                                                    "or put liaison-hq behind a TLS reverse proxy."),
                                                  listen);

      return usage_error ("serve", message);
    }

  if (tls_cert != NULL &&
      !(certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error)))
    {
      g_printerr (_("liaison-hq serve: cannot use the TLS certificate and key: %s\n"), error->message);
      return EXIT_FAILED;
    }

  if (!(store = open_store ("serve", db_path, FALSE)))
    return EXIT_FAILED;

  server = lia_hq_server_new (store);
  lia_hq_server_set_idle_timeout (server, idle_timeout);
  lia_hq_server_set_rate_limit (server, rate_limit);
  lia_hq_server_set_max_body_size (server, (guint64) max_body_kib * 1024);
  lia_hq_server_set_tls_certificate (server, certificate);
  lia_hq_dashboard_set_session_limits (lia_hq_server_get_dashboard (server), session_idle, session_max);

  if (!lia_hq_server_listen (server, address, port, &error))
    {
      g_printerr (_("liaison-hq serve: cannot listen on %s port %d: %s\n"), listen, port, error->message);
      lia_hq_store_close (store, NULL);
      return EXIT_FAILED;
    }

  main_loop = g_main_loop_new (NULL, FALSE);
  sigterm_id = g_unix_signal_add (SIGTERM, on_quit_signal, main_loop);
  sigint_id = g_unix_signal_add (SIGINT, on_quit_signal, main_loop);

  /* Exactly one line on stdout: scripts and tests read the port from it. */
  uri = lia_hq_server_dup_uri (server);
  g_print ("Listening on %s\n", uri);
  fflush (stdout);

  g_main_loop_run (main_loop);

  g_clear_handle_id (&sigterm_id, g_source_remove);
  g_clear_handle_id (&sigint_id, g_source_remove);

  lia_hq_server_disconnect (server);
  g_clear_object (&server);

  ret = close_store ("serve", store, EXIT_OK);

  g_printerr ("%s\n", _("liaison-hq stopped"));

  return ret;
}

static int
cmd_enrol_code (int    argc,
                char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaHqStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expires_at = NULL;
  g_autoptr(GDateTime) expires_local = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *operation = NULL;
  g_autofree char *clearance_name = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *code_hash = NULL;
  g_autofree char *until = NULL;
  LiaSensitivity clearance;
  int hours = DEFAULT_CODE_HOURS;
  int token_days = DEFAULT_TOKEN_DAYS;
  int ret;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("HQ database (created if missing; required)"), N_("FILE") },
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation,
      N_("The operation the device joins, e.g. op-korvania (required)"), N_("OPERATION") },
    { "clearance", 0, 0, G_OPTION_ARG_STRING, &clearance_name,
      N_("The most sensitive records it receives: public, restricted, confidential or strictly-confidential (required)"),
      N_("LEVEL") },
    { "expires", 0, 0, G_OPTION_ARG_INT, &hours,
      N_("Hours until the code stops working (default: 72)"), N_("HOURS") },
    { "token-days", 0, 0, G_OPTION_ARG_INT, &token_days,
      N_("Days the device's token stays valid (default: 365)"), N_("DAYS") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert,
      N_("The certificate liaison-hq serves, to put its public-key pin in the code"), N_("FILE") },
    { NULL }
  };

  if ((ret = parse_command ("enrol-code", NULL,
                            _("Print a one-time enrolment code for one field device."),
                            _("The officer enters the code on the device (liaison-cli enrol URL CODE). It works "
                              "once, until it expires; HQ keeps only its hash. With --tls-cert, the code also "
                              "carries the pin of HQ's public key, which the device then insists on."),
                            entries, &argc, &argv, 0)) >= 0)
    return ret;

  if ((ret = require_db ("enrol-code", db_path)) >= 0)
    return ret;

  if (operation == NULL || !is_operation_id (operation))
    return usage_error ("enrol-code", _("Give --operation with an operation id: 1 to 64 letters, digits, “-”, “_” or “.”."));

  if (clearance_name == NULL || !lia_sensitivity_from_string (clearance_name, &clearance))
    return usage_error ("enrol-code", _("Give --clearance: public, restricted, confidential or strictly-confidential."));

  if (hours < 1 || hours > MAX_CODE_HOURS)
    return usage_error ("enrol-code", _("--expires must be from 1 to 8760 hours."));

  if (token_days < 1 || token_days > MAX_TOKEN_DAYS)
    return usage_error ("enrol-code", _("--token-days must be from 1 to 3650 days."));

  if (tls_cert != NULL)
    {
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (tls_cert, &error);

      if (certificate == NULL || !(pin = lia_hq_auth_dup_pin (certificate, &error)))
        {
          g_printerr (_("liaison-hq enrol-code: cannot read the certificate: %s\n"), error->message);
          return EXIT_FAILED;
        }
    }

  if (!(store = open_store ("enrol-code", db_path, FALSE)))
    return EXIT_FAILED;

  secret = lia_hq_auth_new_enrol_secret ();
  code_hash = lia_hq_auth_hash (secret);
  expires_at = g_date_time_add_hours (now, hours);

  if (!lia_hq_store_add_enrol_code (store, code_hash, operation, clearance, expires_at, token_days, &error))
    {
      g_printerr ("liaison-hq enrol-code: %s\n", error->message);
      return close_store ("enrol-code", store, EXIT_FAILED);
    }

  /* The code alone on stdout, for scripts; what it is for on stderr. */
  g_print (LIA_HQ_ENROL_CODE_PREFIX "%s-%s\n", secret, pin != NULL ? pin : "");

  expires_local = g_date_time_to_local (expires_at);
  until = g_date_time_format (expires_local, "%Y-%m-%d %H:%M %Z");
  g_printerr (_("One-time code for operation %s, clearance %s, valid until %s.\n"),
              operation, lia_sensitivity_to_string (clearance), until);

  return close_store ("enrol-code", store, EXIT_OK);
}

static const char *
device_status (const LiaHqDevice *device,
               const char        *now)
{
  if (device->revoked_at != NULL)
    return "revoked";
  if (device->token_expires_at != NULL && g_strcmp0 (device->token_expires_at, now) <= 0)
    return "expired";

  return "active";
}

static void
print_devices_json (GPtrArray  *devices,
                    const char *now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < devices->len; i++)
    {
      const LiaHqDevice *device = g_ptr_array_index (devices, i);
      const struct { const char *name; const char *value; } fields[] = {
        { "id", device->id },
        { "name", device->name },
        { "operation", device->operation },
        { "clearance", lia_sensitivity_to_string (device->clearance) },
        { "status", device_status (device, now) },
        { "enrolled_at", device->enrolled_at },
        { "token_expires_at", device->token_expires_at },
        { "last_seen", device->last_seen },
        { "revoked_at", device->revoked_at },
      };

      json_builder_begin_object (builder);
      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        {
          json_builder_set_member_name (builder, fields[j].name);
          if (fields[j].value != NULL)
            json_builder_add_string_value (builder, fields[j].value);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

static int
cmd_devices (int    argc,
             char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaHqStore) store = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GDateTime) now_time = g_date_time_new_now_utc ();
  g_autofree char *now = lia_clock_format_iso8601 (now_time);
  g_autofree char *db_path = NULL;
  gboolean json = FALSE;
  int ret;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("HQ database (required)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array, for scripts"), NULL },
    { NULL }
  };

  if ((ret = parse_command ("devices", NULL, _("List every device ever enrolled, with its status."),
                            NULL, entries, &argc, &argv, 0)) >= 0 ||
      (ret = require_db ("devices", db_path)) >= 0)
    return ret;

  if (!(store = open_store ("devices", db_path, TRUE)))
    return EXIT_FAILED;

  if (!(devices = lia_hq_store_list_devices (store, &error)))
    {
      g_printerr ("liaison-hq devices: %s\n", error->message);
      return close_store ("devices", store, EXIT_FAILED);
    }

  if (json)
    print_devices_json (devices, now);
  else if (devices->len == 0)
    g_print ("%s\n", _("No device is enrolled. “liaison-hq enrol-code” makes a code to enrol one."));
  else
    {
      g_print ("%-36s  %-8s  %-21s  %-20s  %-19s  %s\n",
               _("DEVICE"), _("STATUS"), _("CLEARANCE"), _("OPERATION"), _("LAST SEEN"), _("NAME"));
      for (guint i = 0; i < devices->len; i++)
        {
          const LiaHqDevice *device = g_ptr_array_index (devices, i);
          g_autofree char *seen = g_strndup (device->last_seen != NULL ? device->last_seen : "-", 19);

          g_print ("%-36s  %-8s  %-21s  %-20s  %-19s  %s\n",
                   device->id, device_status (device, now),
                   lia_sensitivity_to_string (device->clearance),
                   device->operation, seen, device->name);
        }
    }

  return close_store ("devices", store, EXIT_OK);
}

static int
cmd_revoke (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaHqStore) store = NULL;
  g_autofree char *db_path = NULL;
  gboolean already = FALSE;
  int ret;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("HQ database (required)"), N_("FILE") },
    { NULL }
  };

  if ((ret = parse_command ("revoke", _("DEVICE"),
                            _("Revoke a device: every request with its token is refused from now on, "
                              "including by a running liaison-hq."),
                            NULL, entries, &argc, &argv, 1)) >= 0 ||
      (ret = require_db ("revoke", db_path)) >= 0)
    return ret;

  if (!(store = open_store ("revoke", db_path, TRUE)))
    return EXIT_FAILED;

  if (!lia_hq_store_revoke_device (store, argv[1], &already, &error))
    {
      g_printerr ("liaison-hq revoke: %s\n", error->message);
      return close_store ("revoke", store, EXIT_FAILED);
    }

  if (already)
    g_print (_("Device %s was already revoked.\n"), argv[1]);
  else
    g_print (_("Revoked device %s.\n"), argv[1]);

  return close_store ("revoke", store, EXIT_OK);
}

static int
cmd_publish_guidance (int    argc,
                      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaHqStore) store = NULL;
  g_autoptr(LiaGuidancePack) pack = NULL;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *db_path = NULL;
  gint64 version;
  int ret;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("HQ database (created if missing; required)"), N_("FILE") },
    { NULL }
  };

  if ((ret = parse_command ("publish-guidance", _("PACK"),
                            _("Publish a guidance pack (from “liaison-cli guidance build”). Devices download "
                              "it at their next sync if it is newer than theirs."),
                            NULL, entries, &argc, &argv, 1)) >= 0 ||
      (ret = require_db ("publish-guidance", db_path)) >= 0)
    return ret;

  /* Only an intact pack goes out to the field. */
  if (!(pack = lia_guidance_pack_open (argv[1], &error)))
    {
      g_printerr ("liaison-hq publish-guidance: %s\n", error->message);
      return EXIT_FAILED;
    }
  version = lia_guidance_pack_get_content_version (pack);
  g_clear_object (&pack);

  if (!(file = g_mapped_file_new (argv[1], FALSE, &error)))
    {
      g_printerr ("liaison-hq publish-guidance: %s\n", error->message);
      return EXIT_FAILED;
    }
  bytes = g_mapped_file_get_bytes (file);

  if (!(store = open_store ("publish-guidance", db_path, FALSE)))
    return EXIT_FAILED;

  if (!lia_hq_store_publish_guidance (store, bytes, version, &error))
    {
      g_printerr ("liaison-hq publish-guidance: %s\n", error->message);
      return close_store ("publish-guidance", store, EXIT_FAILED);
    }

  g_print (_("Published guidance content version %" PRId64 ".\n"), version);

  return close_store ("publish-guidance", store, EXIT_OK);
}

/* Publishes HQ's one global record of @record_type, whose body
 * @make_body makes from the file given on the command line. */
typedef char *(*MakeBodyFunc) (const char  *contents,
                               gsize        length,
                               const char  *option,
                               GError     **error);

static int
publish_global_record (const char    *command,
                       const char    *record_type,
                       const char    *summary,
                       MakeBodyFunc   make_body,
                       const char    *option_name,
                       const char    *option_help,
                       int            argc,
                       char         **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaHqStore) store = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *sensitivity_name = NULL;
  g_autofree char *option = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  LiaSensitivity sensitivity = LIA_SENSITIVITY_RESTRICTED;
  gsize len;
  gint64 revision;
  int ret;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("HQ database (created if missing; required)"), N_("FILE") },
    { "sensitivity", 0, 0, G_OPTION_ARG_STRING, &sensitivity_name,
      N_("Who receives it: public, restricted (default), confidential or strictly-confidential"), N_("LEVEL") },
    { option_name, 0, 0, G_OPTION_ARG_STRING, &option, option_help, N_("YYYY-MM-DD") },
    { NULL }
  };

  if ((ret = parse_command (command, _("FILE"), summary, NULL,
                            entries, &argc, &argv, 1)) >= 0 ||
      (ret = require_db (command, db_path)) >= 0)
    return ret;

  if (sensitivity_name != NULL && !lia_sensitivity_from_string (sensitivity_name, &sensitivity))
    return usage_error (command,
                        _("--sensitivity must be public, restricted, confidential or strictly-confidential."));

  name = g_filename_display_name (argv[1]);
  if (!g_file_get_contents (argv[1], &contents, &len, &error))
    {
      g_printerr ("liaison-hq %s: %s\n", command, error->message);
      return EXIT_FAILED;
    }

  /* It travels in one pull page, like any record. */
  if (len > LIA_SYNC_MAX_BODY / 2)
    {
      g_printerr (_("liaison-hq %s: “%s” is larger than 4 MiB.\n"), command, name);
      return EXIT_FAILED;
    }

  if (!(body = make_body (contents, len, option, &error)))
    {
      g_printerr ("liaison-hq %s: %s: %s\n", command, name, error->message);
      return EXIT_FAILED;
    }

  if (!(store = open_store (command, db_path, FALSE)))
    return EXIT_FAILED;

  if (!(revision = lia_hq_store_publish_record (store, record_type, sensitivity, body, &error)))
    {
      g_printerr ("liaison-hq %s: %s\n", command, error->message);
      return close_store (command, store, EXIT_FAILED);
    }

  g_print (_("Published %s, revision %" PRId64 ", to devices cleared for %s.\n"),
           record_type, revision, lia_sensitivity_to_string (sensitivity));

  return close_store (command, store, EXIT_OK);
}

static char *
make_lessons_body (const char  *contents,
                   gsize        length,
                   const char  *option,
                   GError     **error)
{
  return lia_curated_lessons_body_from_json (contents, length, error);
}

static int
cmd_publish_directory (int    argc,
                       char **argv)
{
  return publish_global_record ("publish-directory", "directory",
                                _("Publish the deployments directory, a CSV or JSON file (see the README), to the "
                                  "devices of every operation cleared for it. Each publication replaces the last one."),
                                lia_directory_body_from_file,
                                "valid-as-of", N_("The date the directory is true on, if the file does not say; today by default"),
                                argc, argv);
}

static int
cmd_publish_lessons (int    argc,
                     char **argv)
{
  return publish_global_record ("publish-lessons", "curated-lessons",
                                _("Publish curated lessons observed, a JSON list of {\"text\", \"tags\", \"source\"}, to "
                                  "every device. Each publication replaces the last one."),
                                make_lessons_body, NULL, NULL, argc, argv);
}

/* ---- user ---------------------------------------------------------------------- */

/* Reads a password from @path, or from stdin: without echo, twice, at a
 * terminal; else its first line.  Never from the command line, where
 * other users of the machine could read it. */
static char *
read_password (const char  *path,
               GError     **error)
{
  g_autofree char *contents = NULL;
  char *end;

  if (path != NULL)
    {
      gsize len;

      if (!g_file_get_contents (path, &contents, &len, error))
        return NULL;
      if (len > LIA_HQ_USER_MAX_PASSWORD_BYTES + 2 || memchr (contents, '\0', len) != NULL)
        {
          g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID, _("The password file must hold one line of text."));
          return NULL;
        }
    }
  else if (isatty (STDIN_FILENO))
    {
      struct termios saved;
      struct termios quiet;
      char first[LIA_HQ_USER_MAX_PASSWORD_BYTES + 2] = "";
      char second[LIA_HQ_USER_MAX_PASSWORD_BYTES + 2] = "";
      gboolean read_both;

      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
      g_printerr ("%s", _("Password: "));
      read_both = fgets (first, sizeof first, stdin) != NULL;
      g_printerr ("\n%s", _("Same password again: "));
      read_both = read_both && fgets (second, sizeof second, stdin) != NULL;
      g_printerr ("\n");
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);

      if (!read_both || strcmp (first, second) != 0)
        {
          g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID, _("The two passwords differ."));
          return NULL;
        }
      contents = g_strdup (first);
      memset (first, 0, sizeof first);
      memset (second, 0, sizeof second);
    }
  else
    {
      char line[LIA_HQ_USER_MAX_PASSWORD_BYTES + 2] = "";

      if (fgets (line, sizeof line, stdin) == NULL)
        line[0] = '\0';
      contents = g_strdup (line);
      memset (line, 0, sizeof line);
    }

  /* One line: a trailing newline is not part of it. */
  if ((end = strpbrk (contents, "\r\n")) != NULL)
    *end = '\0';

  if (!g_utf8_validate (contents, -1, NULL) ||
      g_utf8_strlen (contents, -1) < LIA_HQ_USER_MIN_PASSWORD_CHARS ||
      strlen (contents) > LIA_HQ_USER_MAX_PASSWORD_BYTES)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("The password must be from %d characters to %d bytes long."),
                   LIA_HQ_USER_MIN_PASSWORD_CHARS, LIA_HQ_USER_MAX_PASSWORD_BYTES);
      return NULL;
    }

  return g_steal_pointer (&contents);
}

static int
cmd_user_add (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaHqStore) store = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) operation_args = NULL;
  g_auto(GStrv) operations = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *clearance_name = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *password = NULL;
  g_autofree char *password_hash = NULL;
  LiaSensitivity clearance;
  int ret;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("HQ database (created if missing; required)"), N_("FILE") },
    { "operation", 0, 0, G_OPTION_ARG_STRING_ARRAY, &operation_args,
      N_("An operation the user sees, e.g. op-korvania; repeat it for more, or give * for all (required)"),
      N_("OPERATION") },
    { "clearance", 0, 0, G_OPTION_ARG_STRING, &clearance_name,
      N_("The most sensitive records the user sees: public, restricted, confidential or strictly-confidential "
         "(required)"),
      N_("LEVEL") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the password from the first line of this file instead of standard input"), N_("FILE") },
    { NULL }
  };

  if ((ret = parse_command ("user add", _("NAME"),
                            _("Create an HQ user who signs in to the dashboard."),
                            _("The password is read from standard input (asked twice at a terminal) or from "
                              "--password-file, never from the command line. It must have at least 10 "
                              "characters; HQ keeps only its Argon2id hash."),
                            entries, &argc, &argv, 1)) >= 0 ||
      (ret = require_db ("user add", db_path)) >= 0)
    return ret;

  if (!lia_hq_users_name_is_valid (argv[1]))
    return usage_error ("user add", _("A user name has 1 to 64 letters, digits, “.”, “_”, “-” or “@”, and starts "
                                      "with a letter or a digit."));

  for (guint i = 0; operation_args != NULL && operation_args[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (operation_args[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          const char *operation = g_strstrip (parts[j]);

          if (!g_str_equal (operation, LIA_HQ_USER_ALL_OPERATIONS) && !is_operation_id (operation))
            return usage_error ("user add", _("Give --operation with an operation id (1 to 64 letters, digits, "
                                              "“-”, “_” or “.”), or * for every operation."));
          g_strv_builder_add (builder, operation);
        }
    }
  operations = g_strv_builder_end (builder);
  if (operations[0] == NULL)
    return usage_error ("user add", _("Give --operation: an operation id, several, or * for every operation."));

  if (clearance_name == NULL || !lia_sensitivity_from_string (clearance_name, &clearance))
    return usage_error ("user add", _("Give --clearance: public, restricted, confidential or strictly-confidential."));

  if (!(password = read_password (password_file, &error)))
    {
      g_printerr ("liaison-hq user add: %s\n", error->message);
      return EXIT_FAILED;
    }

  if (!lia_hq_users_init (&error) || !(password_hash = lia_hq_users_hash_password (password, &error)))
    {
      g_printerr ("liaison-hq user add: %s\n", error->message);
      return EXIT_FAILED;
    }
  memset (password, 0, strlen (password));

  if (!(store = open_store ("user add", db_path, FALSE)))
    return EXIT_FAILED;

  if (!lia_hq_users_add (lia_hq_store_get_db (store), argv[1], password_hash,
                         (const char * const *)operations, clearance, &error))
    {
      g_printerr ("liaison-hq user add: %s\n", error->message);
      return close_store ("user add", store, EXIT_FAILED);
    }

  {
    g_autofree char *list = g_strjoinv (", ", operations);

    g_print (_("Added user %s: operations %s, clearance %s.\n"),
             argv[1], list, lia_sensitivity_to_string (clearance));
  }

  return close_store ("user add", store, EXIT_OK);
}

static int
cmd_user_list (int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaHqStore) store = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autofree char *db_path = NULL;
  gboolean json = FALSE;
  int ret;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("HQ database (required)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array, for scripts"), NULL },
    { NULL }
  };

  if ((ret = parse_command ("user list", NULL, _("List the HQ users of the dashboard."),
                            NULL, entries, &argc, &argv, 0)) >= 0 ||
      (ret = require_db ("user list", db_path)) >= 0)
    return ret;

  if (!(store = open_store ("user list", db_path, TRUE)))
    return EXIT_FAILED;

  if (!(users = lia_hq_users_list (lia_hq_store_get_db (store), &error)))
    {
      g_printerr ("liaison-hq user list: %s\n", error->message);
      return close_store ("user list", store, EXIT_FAILED);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < users->len; i++)
        {
          const LiaHqUser *user = g_ptr_array_index (users, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, user->name);
          json_builder_set_member_name (builder, "operations");
          json_builder_begin_array (builder);
          for (guint j = 0; user->operations[j] != NULL; j++)
            json_builder_add_string_value (builder, user->operations[j]);
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "clearance");
          json_builder_add_string_value (builder, lia_sensitivity_to_string (user->clearance));
          json_builder_set_member_name (builder, "created_at");
          json_builder_add_string_value (builder, user->created_at);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      text = json_to_string (root, TRUE);
      g_print ("%s\n", text);
    }
  else if (users->len == 0)
    g_print ("%s\n", _("There is no HQ user. “liaison-hq user add” creates one."));
  else
    {
      g_print ("%-24s  %-21s  %s\n", _("USER"), _("CLEARANCE"), _("OPERATIONS"));
      for (guint i = 0; i < users->len; i++)
        {
          const LiaHqUser *user = g_ptr_array_index (users, i);
          g_autofree char *list = g_strjoinv (", ", user->operations);

          g_print ("%-24s  %-21s  %s\n", user->name, lia_sensitivity_to_string (user->clearance), list);
        }
    }

  return close_store ("user list", store, EXIT_OK);
}

static int
cmd_user_remove (int    argc,
                 char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaHqStore) store = NULL;
  g_autofree char *db_path = NULL;
  int ret;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("HQ database (required)"), N_("FILE") },
    { NULL }
  };

  if ((ret = parse_command ("user remove", _("NAME"),
                            _("Remove an HQ user: their sessions end at once, including in a running liaison-hq."),
                            NULL, entries, &argc, &argv, 1)) >= 0 ||
      (ret = require_db ("user remove", db_path)) >= 0)
    return ret;

  if (!(store = open_store ("user remove", db_path, TRUE)))
    return EXIT_FAILED;

  if (!lia_hq_users_remove (lia_hq_store_get_db (store), argv[1], &error))
    {
      g_printerr ("liaison-hq user remove: %s\n", error->message);
      return close_store ("user remove", store, EXIT_FAILED);
    }

  g_print (_("Removed user %s.\n"), argv[1]);

  return close_store ("user remove", store, EXIT_OK);
}

/* Runs the sub-command of @group named by argv[1] (“liaison-hq user add”),
 * or lists them for --help; @usage and @example say what to give. */
static int
run_sub_command (const char          *group,
                 const LiaHqCommand  *sub_commands,
                 guint                n_commands,
                 const char          *usage,
                 const char          *more_help,
                 const char          *example,
                 int                  argc,
                 char               **argv)
{
  if (argc >= 2)
    {
      for (guint i = 0; i < n_commands; i++)
        {
          if (g_str_equal (argv[1], sub_commands[i].name))
            return sub_commands[i].run (argc - 1, argv + 1);
        }
    }

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s\n\n", usage);
      for (guint i = 0; i < n_commands; i++)
        g_print ("  %-8s %s\n", sub_commands[i].name, _(sub_commands[i].summary));
      g_print ("\n%s\n", more_help);
      return EXIT_OK;
    }

  return usage_error (group, example);
}

static int
cmd_user (int    argc,
          char **argv)
{
  static const LiaHqCommand user_commands[] = {
    { "add", N_("Create an HQ user"), cmd_user_add },
    { "list", N_("List the HQ users"), cmd_user_list },
    { "remove", N_("Remove an HQ user and end their sessions"), cmd_user_remove },
  };

  return run_sub_command ("user", user_commands, G_N_ELEMENTS (user_commands),
                          _("Usage: liaison-hq user add|list|remove …"),
                          _("Run “liaison-hq user add --help” to see the options of one."),
                          _("Give add, list or remove, for example “liaison-hq user add NAME --db hq.db "
                            "--operation op-korvania --clearance confidential”."),
                          argc, argv);
}

/* ---- escrow ------------------------------------------------------------------- */

static int
cmd_escrow_init (int    argc,
                 char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaHqStore) store = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *public_key = NULL;
  int ret;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("HQ database (required)"), N_("FILE") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path,
      N_("Where to write the secret key (default: escrow.key beside the database)"), N_("FILE") },
    { NULL }
  };

  if ((ret = parse_command ("escrow init", NULL,
                            _("Make HQ's escrow key pair. The secret key is written to its own file, "
                              "readable by its owner only: keep a copy offline, as without it no laptop can be recovered."),
                            NULL, entries, &argc, &argv, 0)) >= 0 ||
      (ret = require_db ("escrow init", db_path)) >= 0)
    return ret;

  if (key_path == NULL)
    key_path = lia_hq_escrow_default_key_path (db_path);

  if (!(store = open_store ("escrow init", db_path, FALSE)))
    return EXIT_FAILED;

  if (!lia_hq_escrow_init (store, key_path, &public_key, &error))
    {
      g_printerr ("liaison-hq escrow init: %s\n", error->message);
      return close_store ("escrow init", store, EXIT_FAILED);
    }

  {
    g_autofree char *name = g_filename_display_name (key_path);

    g_print (_("HQ's escrow secret key is in “%s”; its public key is %s.\n"), name, public_key);
    g_print ("%s\n", _("Turn escrow on for an operation with “liaison-hq escrow enable OPERATION”."));
  }

  return close_store ("escrow init", store, EXIT_OK);
}

static int
escrow_switch (const char *command,
               gboolean    escrow,
               int         argc,
               char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaHqStore) store = NULL;
  g_autofree char *db_path = NULL;
  int ret;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("HQ database (required)"), N_("FILE") },
    { NULL }
  };

  if ((ret = parse_command (command, _("OPERATION"),
                            escrow
                              ? _("Devices enrolled in OPERATION from now on seal their data key to HQ's escrow key.")
                              : _("Devices enrolled in OPERATION from now on keep no recovery key for HQ."),
                            NULL, entries, &argc, &argv, 1)) >= 0 ||
      (ret = require_db (command, db_path)) >= 0)
    return ret;

  if (!is_operation_id (argv[1]))
    return usage_error (command, _("An operation is 1 to 64 letters, digits, “-”, “_” or “.”, such as op-korvania."));

  if (!(store = open_store (command, db_path, TRUE)))
    return EXIT_FAILED;

  if (!lia_hq_escrow_set_operation (store, argv[1], escrow, &error))
    {
      g_printerr ("liaison-hq %s: %s\n", command, error->message);
      return close_store (command, store, EXIT_FAILED);
    }

  g_print (escrow ? _("Escrow is on for operation %s.\n") : _("Escrow is off for operation %s.\n"), argv[1]);
  return close_store (command, store, EXIT_OK);
}

static int
cmd_escrow_enable (int    argc,
                   char **argv)
{
  return escrow_switch ("escrow enable", TRUE, argc, argv);
}

static int
cmd_escrow_disable (int    argc,
                    char **argv)
{
  return escrow_switch ("escrow disable", FALSE, argc, argv);
}

static int
cmd_escrow_status (int    argc,
                   char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaHqStore) store = NULL;
  g_autoptr(GPtrArray) operations = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *public_key = NULL;
  int ret;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("HQ database (required)"), N_("FILE") },
    { NULL }
  };

  if ((ret = parse_command ("escrow status", NULL, _("Show HQ's escrow public key and the operations with escrow on."),
                            NULL, entries, &argc, &argv, 0)) >= 0 ||
      (ret = require_db ("escrow status", db_path)) >= 0)
    return ret;

  if (!(store = open_store ("escrow status", db_path, TRUE)))
    return EXIT_FAILED;

  if (!(operations = lia_hq_escrow_list_operations (store, &error)))
    {
      g_printerr ("liaison-hq escrow status: %s\n", error->message);
      return close_store ("escrow status", store, EXIT_FAILED);
    }

  public_key = lia_hq_escrow_dup_public_key (store);
  if (public_key != NULL)
    g_print (_("Escrow public key: %s\n"), public_key);
  else
    g_print ("%s\n", _("HQ has no escrow key: run “liaison-hq escrow init”."));

  for (guint i = 0; i < operations->len; i++)
    {
      LiaHqEscrowOperation *operation = g_ptr_array_index (operations, i);

      g_print ("%-32s %s\n", operation->operation, operation->escrow ? _("escrow on") : _("escrow off"));
    }

  return close_store ("escrow status", store, EXIT_OK);
}

/* The first line of @path; the file is the only way in. */
static char *
read_first_line (const char  *path,
                 GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  char *line;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  line = g_strndup (contents, strcspn (contents, "\r\n"));
  memset (contents, 0, length);
  return line;
}

static int
cmd_escrow_recover (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *vault_key = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *output = NULL;
  g_autofree char *passphrase = NULL;
  gboolean ok;
  int ret;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("HQ database, to find escrow.key beside it"), N_("FILE") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path,
      N_("HQ's escrow secret key file (default: escrow.key beside the database)"), N_("FILE") },
    { "vault-key", 0, 0, G_OPTION_ARG_FILENAME, &vault_key,
      N_("The laptop's vault.key (required)"), N_("FILE") },
    { "new-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("A file whose first line is the temporary passphrase (required)"), N_("FILE") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output,
      N_("The new key file to write; it must not exist (required)"), N_("FILE") },
    { NULL }
  };

  if ((ret = parse_command ("escrow recover", NULL,
                            _("Write a key file that opens a laptop's data with a temporary passphrase, "
                              "when its own passphrase is lost. The officer puts it in the data folder as vault.key, "
                              "unlocks with the temporary passphrase and changes it at once."),
                            NULL, entries, &argc, &argv, 0)) >= 0)
    return ret;

  if (key_path == NULL && db_path == NULL)
    return usage_error ("escrow recover", _("Give HQ's escrow key with --key FILE, or the HQ database with --db FILE."));
  if (vault_key == NULL)
    return usage_error ("escrow recover", _("Give the laptop's key file with --vault-key FILE."));
  if (passphrase_file == NULL)
    return usage_error ("escrow recover", _("Give the temporary passphrase in a file with --new-passphrase-file FILE."));
  if (output == NULL)
    return usage_error ("escrow recover", _("Give the new key file to write with --output FILE."));

  if (key_path == NULL)
    key_path = lia_hq_escrow_default_key_path (db_path);

  if (!(passphrase = read_first_line (passphrase_file, &error)))
    {
      g_printerr ("liaison-hq escrow recover: %s\n", error->message);
      return EXIT_FAILED;
    }

  ok = lia_hq_escrow_recover (key_path, vault_key, passphrase, output, &error);
  memset (passphrase, 0, strlen (passphrase));
  if (!ok)
    {
      g_printerr ("liaison-hq escrow recover: %s\n", error->message);
      return EXIT_FAILED;
    }

  {
    g_autofree char *name = g_filename_display_name (output);

    g_print (_("Wrote “%s”. Send it to the officer by a safe channel, and the temporary passphrase by another.\n"), name);
  }

  return EXIT_OK;
}

static int
cmd_escrow (int    argc,
            char **argv)
{
  static const LiaHqCommand escrow_commands[] = {
    { "init", N_("Make HQ's escrow key pair"), cmd_escrow_init },
    { "enable", N_("Devices of an operation escrow their data key at enrolment"), cmd_escrow_enable },
    { "disable", N_("Devices of an operation keep no recovery key"), cmd_escrow_disable },
    { "status", N_("Show the escrow key and the operations with escrow on"), cmd_escrow_status },
    { "recover", N_("Open a laptop's key file and give it a temporary passphrase"), cmd_escrow_recover },
  };

  return run_sub_command ("escrow", escrow_commands, G_N_ELEMENTS (escrow_commands),
                          _("Usage: liaison-hq escrow init|enable|disable|status|recover …"),
                          _("Run “liaison-hq escrow init --help” to see the options of one."),
                          _("Give init, enable, disable, status or recover, for example "
                            "“liaison-hq escrow enable op-korvania --db hq.db”."),
                          argc, argv);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const LiaHqCommand *command;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  /* Before anything holds a record: no core dump, no ptrace. */
  lia_process_harden ();

  lia_i18n_init ();

  g_set_prgname ("liaison-hq");

  /* A client going away mid-response must not kill the daemon. */
  signal (SIGPIPE, SIG_IGN);

  summary = build_commands_summary ();

  context = g_option_context_new (_("COMMAND [OPTION…]"));
  /* Stop at the command: its options belong to it. */
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context,
                                    _("liaison-hq is the headquarters service of Liaison. It serves HTTPS, or "
                                      "plain HTTP on loopback behind a TLS reverse proxy."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (NULL, error->message);

  if (version)
    {
      g_print ("liaison-hq %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (argc < 2)
    return usage_error (NULL, _("Give a command, for example “liaison-hq serve --db hq.db”."));

  if (g_strcmp0 (argv[1], "help") == 0)
    {
      g_autofree char *help = NULL;

      /* “help serve” is “serve --help”. */
      if (argc > 2)
        {
          char *help_argv[] = { argv[2], (char *)"--help", NULL };

          if (!(command = find_command (argv[2])))
            {
              g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), argv[2]);

              return usage_error (NULL, message);
            }

          return command->run (2, help_argv);
        }

      help = g_option_context_get_help (context, TRUE, NULL);
      g_print ("%s", help);
      return EXIT_OK;
    }

  if (!(command = find_command (argv[1])))
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), argv[1]);

      return usage_error (NULL, message);
    }

  return command->run (argc - 1, argv + 1);
}
