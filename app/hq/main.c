/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "lia-error.h"
#include "lia-hq-server.h"
#include "lia-hq-store.h"
#include "lia-i18n.h"

/* Scripts tell a mistake in the command line from a failure at run time. */
enum {
  EXIT_OK      = 0,
  EXIT_FAILED  = 1,
  EXIT_USAGE   = 2,
};

#define DEFAULT_LISTEN "127.0.0.1"
#define DEFAULT_PORT   8080

typedef int (*LiaHqCommandFunc) (int    argc,
                                 char **argv);

typedef struct
{
  const char       *name;
  const char       *summary;
  LiaHqCommandFunc  run;
} LiaHqCommand;

static int cmd_serve (int    argc,
                      char **argv);

/* One entry per subcommand; help lists them in this order. */
static const LiaHqCommand commands[] = {
  { "serve", N_("Run the HQ sync service until stopped"), cmd_serve },
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

static int
cmd_serve (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(LiaHqStore) store = NULL;
  g_autoptr(LiaHqServer) server = NULL;
  g_autoptr(GMainLoop) main_loop = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *uri = NULL;
  guint sigterm_id;
  guint sigint_id;
  int port = DEFAULT_PORT;
  int idle_timeout = LIA_HQ_SERVER_DEFAULT_IDLE_TIMEOUT;
  int ret = EXIT_OK;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("HQ database (created if missing; required)"), N_("FILE") },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen,
      N_("IP address to listen on (default: 127.0.0.1)"), N_("ADDRESS") },
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      N_("TCP port (default: 8080; 0 picks a free one)"), N_("PORT") },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &idle_timeout,
      N_("Drop connections silent for this many seconds (default: 60)"), N_("SECONDS") },
    { NULL }
  };

  g_set_prgname ("liaison-hq serve");

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Answer field devices on the sync API until stopped with SIGTERM or Ctrl+C."));
  g_option_context_set_description (context,
                                    _("liaison-hq speaks plain HTTP only. Anywhere beyond this machine it must sit "
                                      "behind a TLS reverse proxy; listen on a loopback address and let the proxy "
                                      "forward to it."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("serve", error->message);

  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), argv[1]);

      return usage_error ("serve", message);
    }

  if (db_path == NULL || db_path[0] == '\0')
    return usage_error ("serve", _("Give the HQ database with --db FILE; it is created if missing."));

  if (port < 0 || port > G_MAXUINT16)
    return usage_error ("serve", _("--port must be between 0 and 65535; 0 picks a free port."));

  if (idle_timeout < 1)
    return usage_error ("serve", _("--idle-timeout must be at least 1 second."));

  if (listen == NULL)
    listen = g_strdup (DEFAULT_LISTEN);

  if (!(address = g_inet_address_new_from_string (listen)))
    {
      g_autofree char *message = g_strdup_printf (_("--listen must be an IP address such as 127.0.0.1 or ::1, not “%s”."),
                                                  listen);

      return usage_error ("serve", message);
    }

  if (!g_inet_address_get_is_loopback (address))
    g_printerr (_("liaison-hq serve: warning: %s is not a loopback address. liaison-hq speaks plain HTTP only: "
                  "put it behind a TLS reverse proxy and do not expose this port directly.\n"),
                listen);

  if (!(store = lia_hq_store_open (db_path, &error)))
    {
      g_autofree char *name = g_filename_display_name (db_path);

      /* The core's message names the file when it could not open it at
       * all, but not when the file is from a newer version. */
      if (g_error_matches (error, LIA_ERROR, LIA_ERROR_SCHEMA_TOO_NEW))
        g_printerr (_("liaison-hq serve: cannot use the HQ database “%s”: %s\n"), name, error->message);
      else
        g_printerr ("liaison-hq serve: %s\n", error->message);
      return EXIT_FAILED;
    }

  server = lia_hq_server_new (store);
  lia_hq_server_set_idle_timeout (server, idle_timeout);

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

  if (!lia_hq_store_close (store, &error))
    {
      g_printerr (_("liaison-hq serve: the database was not closed cleanly: %s\n"), error->message);
      ret = EXIT_FAILED;
    }

  g_printerr ("%s\n", _("liaison-hq stopped"));

  return ret;
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
                                    _("liaison-hq is the headquarters service of Liaison. It speaks plain HTTP "
                                      "only and must sit behind a TLS reverse proxy."));

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
