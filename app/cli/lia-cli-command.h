/* lia-cli-command.h — what every liaison-cli command is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_CLI_NAME "liaison-cli"

/* Exit statuses a script can rely on. */
enum
{
  LIA_CLI_EXIT_OK      = 0,
  LIA_CLI_EXIT_FAILURE = 1,   /* the command could not do its work */
  LIA_CLI_EXIT_USAGE   = 2,   /* the command line is wrong */
};

typedef enum
{
  LIA_CLI_COMMAND_NONE = 0,
  LIA_CLI_COMMAND_JSON = 1 << 0,   /* accepts --json */
} LiaCliCommandFlags;

/* Options accepted before or after the command name. */
typedef struct
{
  char     *data_dir;
  char     *passphrase_file;
  gboolean  json;
  char     *now;
} LiaCliOptions;

typedef struct _LiaCliCommand LiaCliCommand;

/* argv[0] is the command name. */
typedef int (*LiaCliRunFunc) (const LiaCliCommand  *command,
                              LiaCliOptions        *options,
                              int                   argc,
                              char                **argv);

/* Strings are marked with N_() and translated when shown.  A group (such
 * as “guidance”) lists sub-commands named “group sub”, and runs with
 * lia_cli_group_run(). */
struct _LiaCliCommand
{
  const char                  *name;
  const char                  *parameter_string;   /* NULL: takes no arguments */
  const char                  *summary;            /* one line for the list of commands */
  const char                  *description;        /* NULL or more for its --help */
  LiaCliCommandFlags           flags;
  LiaCliRunFunc                run;
  const LiaCliCommand * const *subcommands;
  guint                        n_subcommands;
};

/* One per feature, listed in main.c. */
extern const LiaCliCommand lia_cli_actors_command;
extern const LiaCliCommand lia_cli_directory_command;
extern const LiaCliCommand lia_cli_encrypt_command;
extern const LiaCliCommand lia_cli_enrol_command;
extern const LiaCliCommand lia_cli_guidance_command;
extern const LiaCliCommand lia_cli_handover_command;
extern const LiaCliCommand lia_cli_info_command;
extern const LiaCliCommand lia_cli_incident_command;
extern const LiaCliCommand lia_cli_init_command;
extern const LiaCliCommand lia_cli_lessons_command;
extern const LiaCliCommand lia_cli_notify_command;
extern const LiaCliCommand lia_cli_operation_command;
extern const LiaCliCommand lia_cli_panic_command;
extern const LiaCliCommand lia_cli_passwd_command;
extern const LiaCliCommand lia_cli_purge_command;
extern const LiaCliCommand lia_cli_report_command;
extern const LiaCliCommand lia_cli_retention_command;
extern const LiaCliCommand lia_cli_sync_command;

void             lia_cli_options_clear         (LiaCliOptions       *options);
void             lia_cli_options_add_entries   (LiaCliOptions       *options,
                                                GOptionContext      *context);

gboolean         lia_cli_command_parse         (const LiaCliCommand *command,
                                                LiaCliOptions       *options,
                                                const GOptionEntry  *entries,
                                                int                 *argc,
                                                char              ***argv,
                                                int                 *exit_status);

int              lia_cli_group_run             (const LiaCliCommand *command,
                                                LiaCliOptions       *options,
                                                int                  argc,
                                                char               **argv);
int              lia_cli_run_subcommand        (const LiaCliCommand *command,
                                                LiaCliOptions       *options,
                                                int                  argc,
                                                char               **argv);
void             lia_cli_append_command_list   (GString             *text,
                                                const char          *heading,
                                                const LiaCliCommand * const *commands,
                                                guint                n_commands);

int              lia_cli_usage_error           (const LiaCliCommand *command,
                                                const char          *format,
                                                ...) G_GNUC_PRINTF (2, 3);
void             lia_cli_print_hint            (const LiaCliCommand *command);
int              lia_cli_failure               (const GError        *error);
void             lia_cli_print_left_out        (guint                n_records,
                                                guint                n_contacts);

char            *lia_cli_dup_data_dir          (LiaCliOptions       *options);
LiaClock        *lia_cli_clock_new             (LiaCliOptions       *options,
                                                GError             **error);
LiaStore        *lia_cli_open_store            (LiaCliOptions       *options,
                                                GError             **error);
char            *lia_cli_resolve_operation     (LiaStore            *store,
                                                const char          *operation);
char            *lia_cli_require_operation     (LiaStore            *store,
                                                const char          *operation,
                                                GError             **error);
LiaActor        *lia_cli_find_actor            (LiaStore            *store,
                                                const char          *operation,
                                                const char          *name_or_uuid,
                                                GError             **error);
LiaStore        *lia_cli_vault_open_store      (LiaCliOptions       *options,
                                                GError             **error);
/* A passphrase in guarded memory, wiped when freed. */
typedef char LiaCliSecret;
void             lia_cli_secret_free           (LiaCliSecret        *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaCliSecret, lia_cli_secret_free)
LiaCliSecret    *lia_cli_read_secret_file      (const char          *path,
                                                GError             **error);
void             lia_cli_print_json            (JsonNode            *root);
void             lia_cli_print_fields          (const char * const (*fields)[2],
                                                guint                n_fields);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LiaCliOptions, lia_cli_options_clear)

G_END_DECLS
