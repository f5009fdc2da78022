/* lia-guidance-pack.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lia-db.h"
#include "lia-error.h"
#include "lia-fts-tokenizer.h"
#include "lia-guidance-pack.h"

/* A pack is one SQLite file: the card sources as written, their manifest
 * data, one FTS5 index per language (each with the language's own
 * normalisation) and a checksum over the content, so an install can tell a
 * damaged or tampered pack from a good one before replacing anything. */
struct _LiaGuidancePack
{
  GObject   parent_instance;
  sqlite3  *db;
  char     *path;
  char     *checksum;
  gint64    content_version;
};

G_DEFINE_FINAL_TYPE (LiaGuidancePack, lia_guidance_pack, G_TYPE_OBJECT)

const char * const lia_guidance_languages[] = { "en", "fr", "ar", NULL };

static const char * const categories[] = {
  "principles", "military-assets", "security", "notification", "engagement", "practice", NULL
};

static const char * const statuses[] = { "source", "draft", "reviewed", NULL };

static const char pack_schema[] =
  "CREATE TABLE pack ("
  "  key   TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE cards ("
  "  rowid    INTEGER PRIMARY KEY,"
  "  id       TEXT NOT NULL,"
  "  lang     TEXT NOT NULL,"
  "  category TEXT NOT NULL,"
  "  tags     TEXT NOT NULL,"
  "  version  INTEGER NOT NULL,"
  "  updated  TEXT NOT NULL,"
  "  status   TEXT NOT NULL,"
  "  title    TEXT NOT NULL,"
  "  summary  TEXT NOT NULL,"
  "  source   TEXT NOT NULL,"
  "  UNIQUE (id, lang)"
  ");"
  "CREATE VIRTUAL TABLE search_en USING fts5 (title, summary, body, tags, tokenize = 'liaison en');"
  "CREATE VIRTUAL TABLE search_fr USING fts5 (title, summary, body, tags, tokenize = 'liaison fr');"
  "CREATE VIRTUAL TABLE search_ar USING fts5 (title, summary, body, tags, tokenize = 'liaison ar');";

void
lia_guidance_entry_free (LiaGuidanceEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->id);
  g_free (entry->lang);
  g_free (entry->category);
  g_free (entry->title);
  g_free (entry->summary);
  g_free (entry->status);
  g_free (entry->updated);
  g_free (entry->snippet);
  g_free (entry);
}

static void
lia_guidance_pack_finalize (GObject *object)
{
  LiaGuidancePack *self = (LiaGuidancePack *)object;

  g_clear_pointer (&self->db, lia_db_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->checksum, g_free);

  G_OBJECT_CLASS (lia_guidance_pack_parent_class)->finalize (object);
}

static void
lia_guidance_pack_class_init (LiaGuidancePackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_guidance_pack_finalize;
}

static void
lia_guidance_pack_init (LiaGuidancePack *self)
{
}

static gboolean
is_language (const char *lang)
{
  return lang != NULL && g_strv_contains (lia_guidance_languages, lang);
}

/* The checksum covers every field a reader sees, in a fixed order, so the
 * same sources always give the same checksum. */
static char *
compute_checksum (sqlite3  *db,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  int rc;

  if (!(stmt = lia_db_prepare (db,
                               "SELECT id, lang, category, tags, version, updated, status, title, summary, source"
                               " FROM cards ORDER BY id, lang",
                               error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int col = 0; col < 10; col++)
        {
          const guchar *text = sqlite3_column_text (stmt, col);

          g_checksum_update (checksum, text ? text : (const guchar *) "", -1);
          g_checksum_update (checksum, (const guchar *) "\0", 1);
        }
    }

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (db, _("reading the guidance pack"), error);
      return NULL;
    }

  return g_strdup (g_checksum_get_string (checksum));
}

G_GNUC_PRINTF (3, 4)
static gboolean
manifest_error (GError     **error,
                const char  *group,
                const char  *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID, "manifest.ini [%s]: %s", group, message);
  return FALSE;
}

static gboolean
check_manifest_group (GKeyFile    *manifest,
                      const char  *id,
                      GError     **error)
{
  g_autofree char *category = g_key_file_get_string (manifest, id, "category", NULL);
  g_autofree char *updated = g_key_file_get_string (manifest, id, "updated", NULL);
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *iso = NULL;
  gint64 version;

  if (strspn (id, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen (id))
    return manifest_error (error, id, _("a card id uses lower-case letters, digits and hyphens only."));

  if (category == NULL || !g_strv_contains (categories, category))
    return manifest_error (error, id, _("“category” must be one of principles, military-assets, security, notification, engagement, practice."));

  version = g_key_file_get_int64 (manifest, id, "version", NULL);
  if (version < 1)
    return manifest_error (error, id, _("“version” must be a whole number from 1."));

  if (updated != NULL)
    {
      iso = g_strconcat (updated, "T00:00:00Z", NULL);
      date = g_date_time_new_from_iso8601 (iso, NULL);
    }
  if (date == NULL)
    return manifest_error (error, id, _("“updated” must be a date written YYYY-MM-DD."));

  for (guint i = 0; lia_guidance_languages[i]; i++)
    {
      g_autofree char *key = g_strconcat ("status-", lia_guidance_languages[i], NULL);
      g_autofree char *status = g_key_file_get_string (manifest, id, key, NULL);

      if (status == NULL || !g_strv_contains (statuses, status))
        return manifest_error (error, id, _("“%s” must be source, draft or reviewed."), key);
    }

  return TRUE;
}

static gboolean
insert_card (sqlite3          *db,
             GKeyFile         *manifest,
             LiaGuidanceCard  *card,
             const char       *source,
             GError          **error)
{
  const char *id = lia_guidance_card_get_id (card);
  const char *lang = lia_guidance_card_get_lang (card);
  g_autofree char *status_key = g_strconcat ("status-", lang, NULL);
  g_autofree char *category = g_key_file_get_string (manifest, id, "category", NULL);
  g_autofree char *status = g_key_file_get_string (manifest, id, status_key, NULL);
  g_autofree char *updated = g_key_file_get_string (manifest, id, "updated", NULL);
  g_auto(GStrv) tag_list = g_key_file_get_string_list (manifest, id, "tags", NULL, NULL);
  g_autofree char *tags = tag_list ? g_strjoinv (" ", tag_list) : g_strdup ("");
  g_autofree char *title = lia_card_inline_to_plain (lia_guidance_card_get_title (card));
  g_autofree char *summary = lia_card_inline_to_plain (lia_guidance_card_get_summary (card));
  g_autofree char *body = lia_guidance_card_dup_plain_body (card);
  g_autofree char *fts_sql = g_strdup_printf ("INSERT INTO search_%s (rowid, title, summary, body, tags)"
                                              " VALUES (?1, ?2, ?3, ?4, ?5)", lang);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) fts = NULL;
  sqlite3_int64 rowid;

  if (!(stmt = lia_db_prepare (db,
                               "INSERT INTO cards (id, lang, category, tags, version, updated, status, title, summary, source)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                               error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lang, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, category, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, tags, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_key_file_get_int64 (manifest, id, "version", NULL));
  sqlite3_bind_text (stmt, 6, updated, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, summary, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, source, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lia_db_set_error (db, _("writing a card into the pack"), error);
  rowid = sqlite3_last_insert_rowid (db);

  if (!(fts = lia_db_prepare (db, fts_sql, error)))
    return FALSE;

  sqlite3_bind_int64 (fts, 1, rowid);
  sqlite3_bind_text (fts, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (fts, 3, summary, -1, SQLITE_STATIC);
  sqlite3_bind_text (fts, 4, body, -1, SQLITE_STATIC);
  /* Tags are English keywords: indexing them under French or Arabic would
   * rank those cards above the English one for an English query. */
  sqlite3_bind_text (fts, 5, g_str_equal (lang, "en") ? tags : "", -1, SQLITE_STATIC);
  if (sqlite3_step (fts) != SQLITE_DONE)
    return lia_db_set_error (db, _("indexing a card"), error);

  return TRUE;
}

static gboolean
set_pack_value (sqlite3     *db,
                const char  *key,
                const char  *value,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = lia_db_prepare (db, "INSERT OR REPLACE INTO pack (key, value) VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lia_db_set_error (db, _("writing the pack header"), error);

  return TRUE;
}

/* Returns: (transfer full): @source with every [[id]] written as
 * [[id|title]], the title taken from @titles ("lang/id" → plain title) */
static char *
name_bare_links (const char *source,
                 const char *lang,
                 GHashTable *titles)
{
  GString *named = g_string_new (NULL);
  const char *p = source;
  const char *open;

  while ((open = strstr (p, "[[")) != NULL)
    {
      const char *close = strstr (open + 2, "]]");
      const char *bar = close ? memchr (open + 2, '|', close - (open + 2)) : NULL;
      g_autofree char *id = NULL;
      g_autofree char *key = NULL;
      const char *title;

      /* The parser has checked every link is closed. */
      g_assert (close != NULL);

      g_string_append_len (named, p, close - p);
      p = close;
      if (bar != NULL)
        continue;

      id = g_strndup (open + 2, close - (open + 2));
      key = g_strdup_printf ("%s/%s", lang, id);
      title = g_hash_table_lookup (titles, key);
      if (title != NULL)
        {
          g_autofree char *safe = g_strdelimit (g_strdup (title), "[]|*", ' ');

          g_string_append_printf (named, "|%s", safe);
        }
    }
  g_string_append (named, p);

  return g_string_free (named, FALSE);
}

/* Fails with the file (and line, from the parser) of the first problem. */
static gboolean
fill_pack (sqlite3     *db,
           const char  *source_dir,
           GKeyFile    *manifest,
           GError     **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (manifest, NULL);
  g_autofree char *checksum = NULL;
  g_autofree char *format = g_strdup_printf ("%d", LIA_GUIDANCE_PACK_FORMAT);
  g_autofree char *content_version = g_key_file_get_string (manifest, "pack", "content-version", NULL);
  gint64 n_version = g_key_file_get_int64 (manifest, "pack", "content-version", NULL);
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (n_version < 1)
    return manifest_error (error, "pack", _("“content-version” must be a whole number from 1; raise it with every published change."));

  for (guint g = 0; groups[g]; g++)
    {
      const char *id = groups[g];

      if (g_str_equal (id, "pack"))
        continue;

      if (!check_manifest_group (manifest, id, error))
        return FALSE;

      for (guint l = 0; lia_guidance_languages[l]; l++)
        {
          const char *lang = lia_guidance_languages[l];
          g_autofree char *relative = g_strdup_printf ("%s/%s.card", lang, id);
          g_autofree char *path = g_build_filename (source_dir, lang, NULL);
          g_autofree char *file = g_strdup_printf ("%s/%s.card", path, id);
          g_autofree char *source = NULL;
          g_autoptr(LiaGuidanceCard) card = NULL;
          g_autoptr(GError) local_error = NULL;
          g_auto(GStrv) links = NULL;

          if (!g_file_get_contents (file, &source, NULL, &local_error))
            {
              g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("%s: missing or unreadable (manifest.ini lists card “%s” in every language): %s"),
                           relative, id, local_error->message);
              return FALSE;
            }

          if (!(card = lia_guidance_card_parse (id, lang, source, relative, error)))
            return FALSE;

          links = lia_guidance_card_dup_links (card);
          for (guint k = 0; links[k]; k++)
            {
              if (!g_key_file_has_group (manifest, links[k]) || g_str_equal (links[k], "pack"))
                {
                  g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                               _("%s: links to “%s”, which is not a card in manifest.ini."),
                               relative, links[k]);
                  return FALSE;
                }
            }

          g_hash_table_insert (titles, g_strdup_printf ("%s/%s", lang, id),
                               lia_card_inline_to_plain (lia_guidance_card_get_title (card)));
          g_ptr_array_add (parsed, g_steal_pointer (&card));
          g_ptr_array_add (sources, g_steal_pointer (&source));
        }
    }

  if (parsed->len == 0)
    return manifest_error (error, "pack", _("the manifest lists no cards."));

  /* A bare [[id]] reads as the linked card's title in the card's own
   * language, on screen, in print and in the index alike. */
  for (guint i = 0; i < parsed->len; i++)
    {
      LiaGuidanceCard *card = g_ptr_array_index (parsed, i);
      g_autofree char *source = name_bare_links (g_ptr_array_index (sources, i),
                                                 lia_guidance_card_get_lang (card), titles);
      g_autoptr(LiaGuidanceCard) named = lia_guidance_card_parse (lia_guidance_card_get_id (card),
                                                                  lia_guidance_card_get_lang (card),
                                                                  source, NULL, error);

      if (named == NULL || !insert_card (db, manifest, named, source, error))
        return FALSE;
    }

  /* Every card file on disk must be in the manifest, or it would silently
   * never reach the field. */
  for (guint l = 0; lia_guidance_languages[l]; l++)
    {
      g_autofree char *dir_path = g_build_filename (source_dir, lia_guidance_languages[l], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)))
        {
          g_autofree char *id = NULL;

          if (!g_str_has_suffix (name, ".card"))
            continue;
          id = g_strndup (name, strlen (name) - strlen (".card"));
          if (!g_key_file_has_group (manifest, id))
            {
              g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("%s/%s: this card is not listed in manifest.ini."),
                           lia_guidance_languages[l], name);
              return FALSE;
            }
        }
    }

  if (!(checksum = compute_checksum (db, error)))
    return FALSE;

  return set_pack_value (db, "format", format, error) &&
         set_pack_value (db, "content-version", content_version, error) &&
         set_pack_value (db, "checksum", checksum, error) &&
         set_pack_value (db, "built-by", "liaison " PACKAGE_VERSION, error);
}

/**
 * lia_guidance_pack_build:
 * @source_dir: holds manifest.ini and <lang>/<id>.card files
 *
 * Compiles the card sources into a pack at @output_path, replacing it only
 * when the whole build succeeded.
 */
gboolean
lia_guidance_pack_build (const char  *source_dir,
                         const char  *output_path,
                         GError     **error)
{
  g_autoptr(GKeyFile) manifest = g_key_file_new ();
  g_autofree char *manifest_path = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (source_dir != NULL, FALSE);
  g_return_val_if_fail (output_path != NULL, FALSE);

  manifest_path = g_build_filename (source_dir, "manifest.ini", NULL);
  if (!g_key_file_load_from_file (manifest, manifest_path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID, "manifest.ini: %s", local_error->message);
      return FALSE;
    }

  tmp_path = g_strconcat (output_path, ".tmp", NULL);
  g_unlink (tmp_path);

  if (!(db = lia_db_open (tmp_path, error)))
    return FALSE;

  /* A pack is read-only and copied around: one file, no WAL. */
  ok = lia_db_exec (db, "PRAGMA journal_mode = DELETE;", error) &&
       lia_fts_tokenizer_register (db, error) &&
       lia_db_exec (db, "BEGIN;", error) &&
       lia_db_exec (db, pack_schema, error) &&
       fill_pack (db, source_dir, manifest, error) &&
       lia_db_exec (db, "COMMIT;", error) &&
       lia_db_exec (db, "INSERT INTO search_en (search_en) VALUES ('optimize');"
                        "INSERT INTO search_fr (search_fr) VALUES ('optimize');"
                        "INSERT INTO search_ar (search_ar) VALUES ('optimize');"
                        "VACUUM;", error);
  lia_db_close (db);

  if (!ok)
    {
      g_unlink (tmp_path);
      return FALSE;
    }

  if (g_rename (tmp_path, output_path) != 0)
    {
      int errsv = errno;

      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED, _("Could not write the guidance pack: %s"), g_strerror (errsv));
      g_unlink (tmp_path);
      return FALSE;
    }

  return TRUE;
}

static char *
get_pack_value (sqlite3    *db,
                const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = lia_db_prepare (db, "SELECT value FROM pack WHERE key = ?1", NULL);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
not_a_pack (const char  *path,
            const char  *why,
            GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
               _("“%s” is not a usable guidance pack: %s"), name, why);
  return FALSE;
}

/**
 * lia_guidance_pack_open:
 *
 * Opens a pack read-only and checks its format and checksum.
 */
LiaGuidancePack *
lia_guidance_pack_open (const char  *path,
                        GError     **error)
{
  g_autoptr(LiaGuidancePack) self = NULL;
  g_autofree char *format = NULL;
  g_autofree char *version = NULL;
  g_autofree char *actual = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND, _("There is no guidance pack at “%s”."), name);
      return NULL;
    }

  self = g_object_new (LIA_TYPE_GUIDANCE_PACK, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      !lia_fts_tokenizer_register (self->db, NULL))
    {
      not_a_pack (path, _("it cannot be opened as a database."), error);
      return NULL;
    }

  format = get_pack_value (self->db, "format");
  if (format == NULL)
    {
      not_a_pack (path, _("it has no pack header; it may be damaged or another kind of file."), error);
      return NULL;
    }
  if (g_ascii_strtoll (format, NULL, 10) != LIA_GUIDANCE_PACK_FORMAT)
    {
      not_a_pack (path, _("it was made for another version of Liaison. Update Liaison to read it."), error);
      return NULL;
    }

  version = get_pack_value (self->db, "content-version");
  self->content_version = version ? g_ascii_strtoll (version, NULL, 10) : 0;
  self->checksum = get_pack_value (self->db, "checksum");

  actual = compute_checksum (self->db, &local_error);
  if (actual == NULL || g_strcmp0 (actual, self->checksum) != 0 || self->content_version < 1)
    {
      not_a_pack (path, _("its content does not match its checksum; it is damaged. Ask HQ for a new copy."), error);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * lia_guidance_pack_get_bundled_path:
 *
 * The pack that ships with Liaison; $LIAISON_GUIDANCE_PACK points at the
 * build tree's pack for uninstalled runs and tests.
 *
 * Returns: (transfer full): a path, which may not exist
 */
char *
lia_guidance_pack_get_bundled_path (void)
{
  const char *env = g_getenv ("LIAISON_GUIDANCE_PACK");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (PKGDATADIR, LIA_GUIDANCE_PACK_FILENAME, NULL);
}

/**
 * lia_guidance_pack_open_best:
 * @data_dir: the installation's data directory
 *
 * Opens the newest usable pack: the one installed in @data_dir (delivered
 * by HQ or `liaison-cli guidance install`) or the one shipped with Liaison.
 * A damaged installed pack is passed over, so guidance stays readable.
 */
LiaGuidancePack *
lia_guidance_pack_open_best (const char  *data_dir,
                             GError     **error)
{
  g_autofree char *installed_path = NULL;
  g_autofree char *bundled_path = lia_guidance_pack_get_bundled_path ();
  g_autoptr(LiaGuidancePack) installed = NULL;
  g_autoptr(LiaGuidancePack) bundled = NULL;
  g_autoptr(GError) bundled_error = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);

  installed_path = g_build_filename (data_dir, LIA_GUIDANCE_PACK_FILENAME, NULL);
  installed = lia_guidance_pack_open (installed_path, NULL);
  bundled = lia_guidance_pack_open (bundled_path, &bundled_error);

  if (installed != NULL &&
      (bundled == NULL || installed->content_version >= bundled->content_version))
    return g_steal_pointer (&installed);

  if (bundled != NULL)
    return g_steal_pointer (&bundled);

  g_propagate_error (error, g_steal_pointer (&bundled_error));
  return NULL;
}

/**
 * lia_guidance_pack_install:
 * @data_dir: the installation's data directory
 *
 * Installs @pack_path as the guidance pack of @data_dir if it is valid and
 * newer than the installed one.  The installed pack is replaced atomically,
 * and only after the copy has been verified: any failure keeps the old one.
 */
gboolean
lia_guidance_pack_install (const char  *pack_path,
                           const char  *data_dir,
                           GError     **error)
{
  g_autoptr(LiaGuidancePack) incoming = NULL;
  g_autoptr(LiaGuidancePack) installed = NULL;
  g_autoptr(LiaGuidancePack) copy = NULL;
  g_autofree char *target = NULL;
  g_autofree char *staging = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_return_val_if_fail (pack_path != NULL, FALSE);
  g_return_val_if_fail (data_dir != NULL, FALSE);

  if (!(incoming = lia_guidance_pack_open (pack_path, error)))
    return FALSE;

  target = g_build_filename (data_dir, LIA_GUIDANCE_PACK_FILENAME, NULL);
  installed = lia_guidance_pack_open (target, NULL);
  if (installed != NULL && installed->content_version >= incoming->content_version)
    {
      g_autofree char *have = g_strdup_printf ("%" G_GINT64_FORMAT, installed->content_version);
      g_autofree char *offered = g_strdup_printf ("%" G_GINT64_FORMAT, incoming->content_version);

      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("This guidance pack (version %s) is not newer than the one installed (version %s); nothing was changed."),
                   offered, have);
      return FALSE;
    }
  g_clear_object (&installed);

  if (g_mkdir_with_parents (data_dir, 0700) != 0 ||
      !g_file_get_contents (pack_path, &contents, &len, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED, _("Could not create the data folder: %s"), g_strerror (errno));
      return FALSE;
    }

  staging = g_strconcat (target, ".new", NULL);
  if (!g_file_set_contents_full (staging, contents, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error))
    return FALSE;

  /* Verify what actually landed on disk before it replaces anything. */
  if (!(copy = lia_guidance_pack_open (staging, error)) ||
      g_strcmp0 (copy->checksum, incoming->checksum) != 0)
    {
      g_unlink (staging);
      if (error != NULL && *error == NULL)
        not_a_pack (staging, _("the copy differs from the original."), error);
      return FALSE;
    }
  g_clear_object (&copy);

  if (g_rename (staging, target) != 0)
    {
      int errsv = errno;

      g_unlink (staging);
      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED, _("Could not install the guidance pack: %s"), g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

const char *
lia_guidance_pack_get_path (LiaGuidancePack *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_PACK (self), NULL);
  return self->path;
}

gint64
lia_guidance_pack_get_content_version (LiaGuidancePack *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_PACK (self), 0);
  return self->content_version;
}

const char *
lia_guidance_pack_get_checksum (LiaGuidancePack *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_PACK (self), NULL);
  return self->checksum;
}

#define ENTRY_COLUMNS "c.id, c.lang, c.category, c.title, c.summary, c.status, c.updated"

static LiaGuidanceEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  LiaGuidanceEntry *entry = g_new0 (LiaGuidanceEntry, 1);

  entry->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  entry->lang = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  entry->category = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  entry->title = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  entry->summary = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  entry->status = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  entry->updated = g_strdup ((const char *) sqlite3_column_text (stmt, 6));

  return entry;
}

/**
 * lia_guidance_pack_list:
 * @lang: (nullable): one language, or every language if %NULL
 *
 * Returns: (transfer full) (element-type LiaGuidanceEntry): the cards by
 *   category, then id
 */
GPtrArray *
lia_guidance_pack_list (LiaGuidancePack  *self,
                        const char       *lang,
                        GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  g_return_val_if_fail (LIA_IS_GUIDANCE_PACK (self), NULL);

  if (!(stmt = lia_db_prepare (self->db,
                               "SELECT " ENTRY_COLUMNS " FROM cards c"
                               " WHERE ?1 IS NULL OR c.lang = ?1 ORDER BY c.category, c.id, c.lang",
                               error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, lang, -1, SQLITE_STATIC);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_guidance_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (self->db, _("listing guidance cards"), error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

static sqlite3_stmt *
lookup (LiaGuidancePack  *self,
        const char       *columns,
        const char       *id,
        const char       *lang,
        GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM cards c WHERE c.id = ?1 AND c.lang = ?2", columns);
  g_autoptr(sqlite3_stmt) stmt = lia_db_prepare (self->db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lang, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                   _("There is no guidance card “%s” in language “%s”. Run “liaison-cli guidance list” to see the cards."),
                   id, lang);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      lia_db_set_error (self->db, _("reading a guidance card"), error);
      return NULL;
    }

  return g_steal_pointer (&stmt);
}

LiaGuidanceEntry *
lia_guidance_pack_get_entry (LiaGuidancePack  *self,
                             const char       *id,
                             const char       *lang,
                             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIA_IS_GUIDANCE_PACK (self), NULL);
  g_return_val_if_fail (id != NULL && lang != NULL, NULL);

  if (!(stmt = lookup (self, ENTRY_COLUMNS, id, lang, error)))
    return NULL;

  return entry_from_row (stmt);
}

LiaGuidanceCard *
lia_guidance_pack_load_card (LiaGuidancePack  *self,
                             const char       *id,
                             const char       *lang,
                             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIA_IS_GUIDANCE_PACK (self), NULL);
  g_return_val_if_fail (id != NULL && lang != NULL, NULL);

  if (!(stmt = lookup (self, "c.source", id, lang, error)))
    return NULL;

  return lia_guidance_card_parse (id, lang, (const char *) sqlite3_column_text (stmt, 0), NULL, error);
}

/**
 * lia_guidance_pack_search:
 * @lang: (nullable): one language, or all of them if %NULL
 *
 * Returns: (transfer full) (element-type LiaGuidanceEntry): the best
 *   matches first, with a snippet and a score
 */
GPtrArray *
lia_guidance_pack_search (LiaGuidancePack  *self,
                          const char       *query,
                          const char       *lang,
                          guint             limit,
                          GError          **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *match = NULL;
  g_autofree char *any = NULL;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (LIA_IS_GUIDANCE_PACK (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (lang != NULL && !is_language (lang))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("“%s” is not a guidance language: use en, fr or ar."), lang);
      return NULL;
    }

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_guidance_entry_free);
  /* Every word must match, the last as a prefix: results follow the typing. */
  if (!(match = lia_fts_build_query (query, TRUE)))
    return g_steal_pointer (&results);

  /* Titles weigh most, then the summary, the tags and the body.  Ranking
   * through the "rank" column lets FTS5 sort the matches itself, so that
   * snippet(), which tokenizes the whole card again, runs only for the rows
   * returned, not for every match: a prefix such as "sec" matches most of a
   * large pack.  Each language keeps its best rows, then the languages are
   * merged. */
  sql = g_string_new (NULL);
  for (guint i = 0; lia_guidance_languages[i]; i++)
    {
      const char *l = lia_guidance_languages[i];

      if (lang != NULL && !g_str_equal (lang, l))
        continue;
      if (sql->len > 0)
        g_string_append (sql, " UNION ALL ");
      g_string_append_printf (sql,
                              "SELECT * FROM ("
                              "SELECT " ENTRY_COLUMNS ","
                              " snippet(search_%s, -1, char(1), char(2), '…', 16),"
                              " search_%s.rank AS score"
                              " FROM search_%s JOIN cards c ON c.rowid = search_%s.rowid"
                              " WHERE search_%s MATCH ?1"
                              " AND search_%s.rank MATCH 'bm25(10.0, 5.0, 1.0, 3.0)'"
                              " ORDER BY search_%s.rank LIMIT ?2)",
                              l, l, l, l, l, l, l);
    }
  g_string_append (sql, " ORDER BY score LIMIT ?2");

  if (!(stmt = lia_db_prepare (self->db, sql->str, error)))
    return NULL;

  sqlite3_bind_int (stmt, 2, limit > 0 ? (int) limit : 20);

  /* Every word first; if no card has them all, as with a question asked in
   * plain words, the cards with most of them. */
  any = lia_fts_build_query_any (query, TRUE);
  for (const char *expr = match; expr != NULL && results->len == 0; expr = expr == match ? any : NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, expr, -1, SQLITE_STATIC);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          LiaGuidanceEntry *entry = entry_from_row (stmt);

          entry->snippet = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
          entry->score = -sqlite3_column_double (stmt, 8);
          g_ptr_array_add (results, entry);
        }

      if (rc != SQLITE_DONE)
        {
          lia_db_set_error (self->db, _("searching the guidance"), error);
          return NULL;
        }
    }

  return g_steal_pointer (&results);
}
