/* lia-hq-users.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HQ users sign in to the dashboard with a name and a password; they are
 * not devices and never hold a device token.
 *
 * Passwords are hashed with Argon2id (libsodium's crypto_pwhash_str_alg)
 * at the INTERACTIVE limits: 2 passes over 64 MiB, about a tenth of a
 * second on a laptop.  The encoded hash carries its own parameters, so
 * raising them later only affects new hashes.  A sign-in with an unknown
 * name is checked against a decoy hash made with the same parameters, so
 * that the answer takes as long whether the user exists or not.
 *
 * A session is a random token (32 bytes from getrandom) in an HttpOnly
 * cookie; HQ keeps its SHA-256 only, with its CSRF token, the time it was
 * last used (idle expiry) and an absolute expiry.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <sodium.h>

#include "lia-clock.h"
#include "lia-db.h"
#include "lia-error.h"
#include "lia-hq-auth.h"
#include "lia-hq-users.h"

#define OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

#define MAX_NAME_CHARS 64

static char *decoy_hash;

void
lia_hq_user_free (LiaHqUser *user)
{
  if (user == NULL)
    return;

  g_free (user->name);
  g_strfreev (user->operations);
  g_free (user->created_at);
  g_free (user);
}

gboolean
lia_hq_user_sees_every_operation (const LiaHqUser *user)
{
  g_return_val_if_fail (user != NULL, FALSE);

  return g_strv_contains ((const char * const *)user->operations, LIA_HQ_USER_ALL_OPERATIONS);
}

gboolean
lia_hq_user_may_see_operation (const LiaHqUser *user,
                               const char      *operation)
{
  g_return_val_if_fail (user != NULL, FALSE);

  if (operation == NULL)
    return FALSE;

  return lia_hq_user_sees_every_operation (user) ||
         g_strv_contains ((const char * const *)user->operations, operation);
}

/**
 * lia_hq_user_dup_operations_json:
 * @user: a user
 *
 * Returns: (transfer full) (nullable): the user's operations as a JSON
 *   array for json_each(), or %NULL if they see every operation
 */
char *
lia_hq_user_dup_operations_json (const LiaHqUser *user)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (user != NULL, NULL);

  if (lia_hq_user_sees_every_operation (user))
    return NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; user->operations[i] != NULL; i++)
    json_builder_add_string_value (builder, user->operations[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

void
lia_hq_session_free (LiaHqSession *session)
{
  if (session == NULL)
    return;

  lia_hq_user_free (session->user);
  g_free (session->token_hash);
  if (session->csrf_token != NULL)
    sodium_memzero (session->csrf_token, strlen (session->csrf_token));
  g_free (session->csrf_token);
  g_free (session);
}

/**
 * lia_hq_users_init:
 * @error: a location for a #GError
 *
 * Initialises libsodium and makes the decoy hash.  Call once, from the
 * main thread, before anything else here.
 *
 * Returns: %TRUE on success
 */
gboolean
lia_hq_users_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_FAILED, _("libsodium could not be initialised."));
      return FALSE;
    }

  if (decoy_hash == NULL)
    {
      char decoy_password[33];
      guint8 random[16];

      randombytes_buf (random, sizeof random);
      sodium_bin2hex (decoy_password, sizeof decoy_password, random, sizeof random);
      decoy_hash = lia_hq_users_hash_password (decoy_password, error);
      sodium_memzero (decoy_password, sizeof decoy_password);
      if (decoy_hash == NULL)
        return FALSE;
    }

  return TRUE;
}

const char *
lia_hq_users_get_decoy_hash (void)
{
  g_return_val_if_fail (decoy_hash != NULL, NULL);

  return decoy_hash;
}

/* Letters, digits and . _ - @, so that a name is safe in a log line and
 * unambiguous to type. */
gboolean
lia_hq_users_name_is_valid (const char *name)
{
  gsize len;

  if (name == NULL)
    return FALSE;

  len = strlen (name);
  if (len == 0 || len > MAX_NAME_CHARS || !g_ascii_isalnum (name[0]))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (name[i]) && strchr ("._-@", name[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * lia_hq_users_hash_password:
 * @password: the password
 * @error: a location for a #GError
 *
 * Slow on purpose (see the top of this file).
 *
 * Returns: (transfer full): the Argon2id hash in libsodium's encoded form
 */
char *
lia_hq_users_hash_password (const char  *password,
                            GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (password != NULL, NULL);

  if (crypto_pwhash_str_alg (hash, password, strlen (password), OPSLIMIT, MEMLIMIT,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_FAILED,
                           _("Not enough memory to hash the password."));
      return NULL;
    }

  return g_strdup (hash);
}

/**
 * lia_hq_users_verify_password:
 * @password_hash: an encoded hash from lia_hq_users_hash_password()
 * @password: what the person typed
 *
 * Slow on purpose, and safe to call from a worker thread.
 *
 * Returns: %TRUE if @password is the one hashed
 */
gboolean
lia_hq_users_verify_password (const char *password_hash,
                              const char *password)
{
  g_return_val_if_fail (password_hash != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  return crypto_pwhash_str_verify (password_hash, password, strlen (password)) == 0;
}

static LiaHqUser *
user_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GStrvBuilder) operations = g_strv_builder_new ();
  LiaHqUser *user = g_new0 (LiaHqUser, 1);
  JsonNode *root;

  user->name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  user->clearance = CLAMP (sqlite3_column_int (stmt, 2), 0, LIA_SENSITIVITY_LAST);
  user->created_at = g_strdup ((const char *)sqlite3_column_text (stmt, 3));

  if (json_parser_load_from_data (parser, (const char *)sqlite3_column_text (stmt, 1), -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *operation = json_node_get_string (json_array_get_element (array, i));

          if (operation != NULL)
            g_strv_builder_add (operations, operation);
        }
    }
  user->operations = g_strv_builder_end (operations);

  return user;
}

gboolean
lia_hq_users_add (sqlite3             *db,
                  const char          *name,
                  const char          *password_hash,
                  const char * const  *operations,
                  LiaSensitivity       clearance,
                  GError             **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created_at = lia_clock_format_iso8601 (now);
  g_autofree char *json = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (lia_hq_users_name_is_valid (name), FALSE);
  g_return_val_if_fail (password_hash != NULL, FALSE);
  g_return_val_if_fail (operations != NULL && operations[0] != NULL, FALSE);
  g_return_val_if_fail (clearance <= LIA_SENSITIVITY_LAST, FALSE);

  json_builder_begin_array (builder);
  for (guint i = 0; operations[i] != NULL; i++)
    json_builder_add_string_value (builder, operations[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);

  if (!(stmt = lia_db_prepare (db,
                               "INSERT INTO hq_users (name, password_hash, operations, clearance, created_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5)",
                               error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, password_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, json, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, clearance);
  sqlite3_bind_text (stmt, 5, created_at, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_CONFLICT,
                   _("There is already a user “%s”. Remove it first to replace it."), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return lia_db_set_error (db, _("adding a user"), error);

  return TRUE;
}

/* Their sessions end with them. */
gboolean
lia_hq_users_remove (sqlite3     *db,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) sessions = NULL;
  g_autoptr(sqlite3_stmt) user = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!(sessions = lia_db_prepare (db, "DELETE FROM hq_sessions WHERE user_name = ?1", error)) ||
      !(user = lia_db_prepare (db, "DELETE FROM hq_users WHERE name = ?1", error)))
    return FALSE;

  sqlite3_bind_text (sessions, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (user, 1, name, -1, SQLITE_STATIC);

  if (sqlite3_step (sessions) != SQLITE_DONE || sqlite3_step (user) != SQLITE_DONE)
    return lia_db_set_error (db, _("removing a user"), error);

  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND, _("There is no user “%s”."), name);
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
lia_hq_users_list (sqlite3  *db,
                   GError  **error)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify)lia_hq_user_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!(stmt = lia_db_prepare (db,
                               "SELECT name, operations, clearance, created_at FROM hq_users ORDER BY name",
                               error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (users, user_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (db, _("listing users"), error);
      return NULL;
    }

  return g_steal_pointer (&users);
}

/**
 * lia_hq_users_lookup:
 * @db: the HQ database
 * @name: a user name
 * @password_hash: (out) (optional): their password hash
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the user, or %NULL with no error
 *   if there is none of that name
 */
LiaHqUser *
lia_hq_users_lookup (sqlite3     *db,
                     const char  *name,
                     char       **password_hash,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!(stmt = lia_db_prepare (db,
                               "SELECT name, operations, clearance, created_at, password_hash"
                               " FROM hq_users WHERE name = ?1",
                               error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      lia_db_set_error (db, _("reading a user"), error);
      return NULL;
    }

  if (password_hash != NULL)
    *password_hash = g_strdup ((const char *)sqlite3_column_text (stmt, 4));

  return user_from_row (stmt);
}

/**
 * lia_hq_sessions_create:
 * @db: the HQ database
 * @user_name: who signed in
 * @now: the time, in seconds since the epoch
 * @max_age: seconds until the session ends however busy it is
 * @error: a location for a #GError
 *
 * Starts a session, and forgets the sessions that have ended.
 *
 * Returns: (transfer full): the session token for the cookie
 */
char *
lia_hq_sessions_create (sqlite3     *db,
                        const char  *user_name,
                        gint64       now,
                        gint64       max_age,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) purge = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *token = lia_hq_auth_new_token ();
  g_autofree char *token_hash = lia_hq_auth_hash (token);
  g_autofree char *csrf_token = lia_hq_auth_new_token ();

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (user_name != NULL, NULL);

  if (!(purge = lia_db_prepare (db, "DELETE FROM hq_sessions WHERE expires_at <= ?1", error)) ||
      !(stmt = lia_db_prepare (db,
                               "INSERT INTO hq_sessions (token_hash, user_name, csrf_token, created_at,"
                               "  last_used_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
                               error)))
    return NULL;

  sqlite3_bind_int64 (purge, 1, now);
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, user_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, csrf_token, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, now + max_age);

  if (sqlite3_step (purge) != SQLITE_DONE || sqlite3_step (stmt) != SQLITE_DONE)
    {
      lia_db_set_error (db, _("starting a session"), error);
      return NULL;
    }

  return g_steal_pointer (&token);
}

/**
 * lia_hq_sessions_lookup:
 * @db: the HQ database
 * @token: (nullable): the token from the cookie
 * @now: the time, in seconds since the epoch
 * @idle_timeout: seconds of inactivity that end a session
 * @error: a location for a #GError
 *
 * Finds the live session of @token and marks it used now.  A session past
 * either expiry is removed.
 *
 * Returns: (transfer full) (nullable): the session, or %NULL with no error
 *   if there is no live session for @token
 */
LiaHqSession *
lia_hq_sessions_lookup (sqlite3     *db,
                        const char  *token,
                        gint64       now,
                        gint64       idle_timeout,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) touch = NULL;
  g_autoptr(LiaHqSession) session = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *user_name = NULL;
  gint64 last_used_at;
  gint64 expires_at;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!lia_hq_auth_token_is_wellformed (token))
    return NULL;

  token_hash = lia_hq_auth_hash (token);

  if (!(stmt = lia_db_prepare (db,
                               "SELECT user_name, csrf_token, last_used_at, expires_at"
                               " FROM hq_sessions WHERE token_hash = ?1",
                               error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      lia_db_set_error (db, _("reading a session"), error);
      return NULL;
    }

  session = g_new0 (LiaHqSession, 1);
  user_name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  session->csrf_token = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  session->token_hash = g_strdup (token_hash);
  last_used_at = sqlite3_column_int64 (stmt, 2);
  expires_at = sqlite3_column_int64 (stmt, 3);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (now >= expires_at || now - last_used_at > idle_timeout)
    {
      lia_hq_sessions_delete (db, token_hash, NULL);
      return NULL;
    }

  /* Removed since it signed in: its session ends too. */
  if (!(session->user = lia_hq_users_lookup (db, user_name, NULL, error)))
    return NULL;

  if (!(touch = lia_db_prepare (db, "UPDATE hq_sessions SET last_used_at = ?2 WHERE token_hash = ?1", error)))
    return NULL;
  sqlite3_bind_text (touch, 1, token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (touch, 2, now);
  if (sqlite3_step (touch) != SQLITE_DONE)
    {
      lia_db_set_error (db, _("reading a session"), error);
      return NULL;
    }

  return g_steal_pointer (&session);
}

gboolean
lia_hq_sessions_delete (sqlite3     *db,
                        const char  *token_hash,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (token_hash != NULL, FALSE);

  if (!(stmt = lia_db_prepare (db, "DELETE FROM hq_sessions WHERE token_hash = ?1", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lia_db_set_error (db, _("ending a session"), error);

  return TRUE;
}

/* In time that depends only on the length of what was given. */
gboolean
lia_hq_csrf_equal (const char *expected,
                   const char *given)
{
  if (expected == NULL || given == NULL || strlen (given) != strlen (expected))
    return FALSE;

  return sodium_memcmp (expected, given, strlen (expected)) == 0;
}
