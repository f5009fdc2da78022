/* lia-hq-users.h — HQ dashboard users, their passwords and sessions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "lia-sensitivity.h"

G_BEGIN_DECLS

/* "*" as an operation: every operation. */
#define LIA_HQ_USER_ALL_OPERATIONS "*"

#define LIA_HQ_USER_MIN_PASSWORD_CHARS 10
#define LIA_HQ_USER_MAX_PASSWORD_BYTES 1024

typedef struct
{
  char            *name;
  char           **operations;   /* an operation id each, or just "*" */
  LiaSensitivity   clearance;
  char            *created_at;
} LiaHqUser;

void       lia_hq_user_free                (LiaHqUser          *user);
gboolean   lia_hq_user_sees_every_operation (const LiaHqUser   *user);
gboolean   lia_hq_user_may_see_operation   (const LiaHqUser    *user,
                                            const char         *operation);
char      *lia_hq_user_dup_operations_json (const LiaHqUser    *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaHqUser, lia_hq_user_free)

typedef struct
{
  LiaHqUser *user;
  char      *token_hash;
  char      *csrf_token;
} LiaHqSession;

void       lia_hq_session_free             (LiaHqSession       *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaHqSession, lia_hq_session_free)

gboolean   lia_hq_users_init               (GError            **error);
gboolean   lia_hq_users_name_is_valid      (const char         *name);
char      *lia_hq_users_hash_password      (const char         *password,
                                            GError            **error);
gboolean   lia_hq_users_verify_password    (const char         *password_hash,
                                            const char         *password);
const char *lia_hq_users_get_decoy_hash    (void);

gboolean   lia_hq_users_add                (sqlite3            *db,
                                            const char         *name,
                                            const char         *password_hash,
                                            const char * const *operations,
                                            LiaSensitivity      clearance,
                                            GError            **error);
gboolean   lia_hq_users_remove             (sqlite3            *db,
                                            const char         *name,
                                            GError            **error);
GPtrArray *lia_hq_users_list               (sqlite3            *db,
                                            GError            **error);
LiaHqUser *lia_hq_users_lookup             (sqlite3            *db,
                                            const char         *name,
                                            char              **password_hash,
                                            GError            **error);

char      *lia_hq_sessions_create          (sqlite3            *db,
                                            const char         *user_name,
                                            gint64              now,
                                            gint64              max_age,
                                            GError            **error);
LiaHqSession *lia_hq_sessions_lookup       (sqlite3            *db,
                                            const char         *token,
                                            gint64              now,
                                            gint64              idle_timeout,
                                            GError            **error);
gboolean   lia_hq_sessions_delete          (sqlite3            *db,
                                            const char         *token_hash,
                                            GError            **error);
gboolean   lia_hq_csrf_equal               (const char         *expected,
                                            const char         *given);

G_END_DECLS
