/* lia-cli-notify.h — what the notify and incident commands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-cli-command.h"

G_BEGIN_DECLS

JsonObject *lia_cli_read_json_file     (const char  *path,
                                        gboolean    *repaired,
                                        GError     **error);
gboolean    lia_cli_report_issues      (GPtrArray   *issues,
                                        gboolean     json);
LiaRecord  *lia_cli_find_notification  (LiaStore    *store,
                                        const char  *operation,
                                        const char  *id,
                                        GError     **error);
typedef enum
{
  LIA_CLI_KIND_SITE,
  LIA_CLI_KIND_MOVEMENT,
  LIA_CLI_KIND_INCIDENT,
} LiaCliRecordKind;

LiaRecord  *lia_cli_record_from_json   (LiaStore          *store,
                                        const char        *operation,
                                        LiaCliRecordKind   kind,
                                        const char        *path,
                                        GPtrArray         *issues,
                                        GError           **error);
LiaRecord  *lia_cli_read_new_record    (const LiaCliCommand *command,
                                        LiaCliOptions     *options,
                                        const char        *operation_option,
                                        LiaCliRecordKind   kind,
                                        const char        *path,
                                        LiaStore         **store,
                                        int               *exit_status);

G_END_DECLS
