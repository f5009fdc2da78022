/* lia-fts-tokenizer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lia-db.h"
#include "lia-error.h"
#include "lia-fts-tokenizer.h"
#include "lia-text-normalize.h"

/* Usage:  CREATE VIRTUAL TABLE guidance_fts USING fts5(title, body,
 *                                 tokenize = 'liaison fr');
 * The argument is a language code (any, en, fr, ar, or a locale such as
 * fr_FR); without one, LIA_TEXT_LANGUAGE_ANY.  Changing the rules in
 * lia-text-normalize.c changes the keys: rebuild the index ('rebuild'
 * command) in the migration that ships the change. */

typedef struct
{
  LiaTextLanguage language;
} LiaFtsTokenizer;

typedef int (*LiaFtsTokenFunc) (void       *ctx,
                                int         flags,
                                const char *token,
                                int         n_token,
                                int         start,
                                int         end);

typedef struct
{
  void              *ctx;
  LiaFtsTokenFunc    emit;
  LiaTextLanguage    language;
  LiaTextFormsFlags  forms_flags;
  gboolean           primary_only;
  int                rc;
} TokenizeData;

static int
lia_fts_tokenizer_create (void           *user_data,
                          const char    **args,
                          int             n_args,
                          Fts5Tokenizer **out)
{
  LiaFtsTokenizer *self;
  LiaTextLanguage language = LIA_TEXT_LANGUAGE_ANY;

  if (n_args > 1 || (n_args == 1 && !lia_text_language_from_string (args[0], &language)))
    return SQLITE_ERROR;

  self = g_new0 (LiaFtsTokenizer, 1);
  self->language = language;
  *out = (Fts5Tokenizer *) self;

  return SQLITE_OK;
}

static void
lia_fts_tokenizer_delete (Fts5Tokenizer *tokenizer)
{
  g_free (tokenizer);
}

static gboolean
emit_word (const char *text,
           gsize       start,
           gsize       end,
           gpointer    user_data)
{
  TokenizeData *data = user_data;
  g_auto(GStrv) forms = NULL;
  gsize skip;
  guint i;

  /* The elided article is not part of the word, so highlight() marks
   * "l'[évacuation]" rather than the article with it. */
  skip = lia_text_get_elision_length (text + start, end - start);
  forms = lia_text_get_token_forms (text + start + skip, end - start - skip,
                                    data->language, data->forms_flags);

  /* Offsets are those of the original bytes, so snippet() and highlight()
   * mark the text as written, harakat and all.  Extra forms share the
   * position of the first: synonyms at query time, extra keys in the index. */
  for (i = 0; forms[i] != NULL && data->rc == SQLITE_OK; i++)
    {
      if (i > 0 && data->primary_only)
        break;

      data->rc = data->emit (data->ctx, i > 0 ? FTS5_TOKEN_COLOCATED : 0,
                             forms[i], (int) strlen (forms[i]),
                             (int) (start + skip), (int) end);
    }

  return data->rc == SQLITE_OK;
}

static int
lia_fts_tokenizer_tokenize (Fts5Tokenizer   *tokenizer,
                            void            *ctx,
                            int              flags,
                            const char      *text,
                            int              n_text,
                            LiaFtsTokenFunc  emit)
{
  LiaFtsTokenizer *self = (LiaFtsTokenizer *) tokenizer;
  TokenizeData data = { ctx, emit, self->language, LIA_TEXT_FORMS_DEFAULT, FALSE, SQLITE_OK };

  /* The index also keeps each word's unstemmed form, and a prefix query
   * looks for both, so that "escorti*" meets "escorting" (stored under
   * "escort") and "الم*" meets "المرافقة" (stored under "مرافقه").  A whole
   * word needs only its key.  highlight() and snippet() (AUX) only count
   * positions, which the extra forms do not move. */
  if (flags & FTS5_TOKENIZE_AUX)
    data.primary_only = TRUE;
  else if ((flags & FTS5_TOKENIZE_DOCUMENT) || (flags & FTS5_TOKENIZE_PREFIX))
    data.forms_flags = LIA_TEXT_FORMS_SURFACE;

  if (text == NULL || n_text <= 0)
    return SQLITE_OK;

  lia_text_foreach_word (text, n_text, emit_word, &data);

  return data.rc;
}

/**
 * lia_fts_tokenizer_register:
 * @db: a connection
 * @error: return location for a #GError
 *
 * Makes the "liaison" tokenizer known to @db.  Each connection needs it
 * before it reads or writes a table declared with it.
 *
 * Returns: %TRUE on success
 */
gboolean
lia_fts_tokenizer_register (sqlite3  *db,
                            GError  **error)
{
  fts5_tokenizer tokenizer = {
    lia_fts_tokenizer_create,
    lia_fts_tokenizer_delete,
    lia_fts_tokenizer_tokenize,
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  fts5_api *api = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = lia_db_prepare (db, "SELECT fts5(?1)", &local_error);
  if (stmt != NULL)
    {
      sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        lia_db_set_error (db, _("looking for full-text search"), &local_error);
    }

  if (api == NULL || api->iVersion < 2)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_DATABASE,
                   _("Search is not available: this SQLite has no FTS5 full-text search (%s). Install SQLite 3.40 or newer built with FTS5."),
                   local_error != NULL ? local_error->message : "fts5_api");
      return FALSE;
    }

  if (api->xCreateTokenizer (api, "liaison", NULL, &tokenizer, NULL) != SQLITE_OK)
    return lia_db_set_error (db, _("registering the search tokenizer"), error);

  return TRUE;
}

typedef struct
{
  GString    *query;
  const char *separator;
} QueryBuilder;

static gboolean
append_quoted_word (const char *text,
                    gsize       start,
                    gsize       end,
                    gpointer    user_data)
{
  QueryBuilder *builder = user_data;
  GString *query = builder->query;
  g_autofree char *key = lia_text_normalize_token (text + start, end - start,
                                                   LIA_TEXT_LANGUAGE_ANY);
  gsize i;

  /* A word with nothing searchable in it (a lone harakah) would be an empty
   * phrase; leaving it out lets an all-empty query come back NULL. */
  if (*key == '\0')
    return TRUE;

  if (query->len > 0)
    g_string_append (query, builder->separator);

  /* Words hold no '"' today; double it anyway, as FTS5 strings want. */
  g_string_append_c (query, '"');
  for (i = start; i < end; i++)
    {
      if (text[i] == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, text[i]);
    }
  g_string_append_c (query, '"');

  return TRUE;
}

/**
 * lia_fts_build_query:
 * @text: what a person typed in a search entry
 * @prefix_last: whether the last word may be unfinished (search as you type)
 *
 * Turns @text into an FTS5 MATCH expression that cannot be a syntax error:
 * each word becomes a quoted string, so AND, OR, NEAR, -, (, * and quotes
 * are just text; the words must all match; with @prefix_last the last one
 * matches as a prefix.  The words are not normalised here: the table's
 * tokenizer does it with the table's language.
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL when @text
 *   has no searchable word (FTS5 rejects an empty one)
 */
static char *
build_query (const char *text,
             gboolean    prefix_last,
             const char *separator)
{
  g_autoptr(GString) query = g_string_new (NULL);
  QueryBuilder builder = { query, separator };

  lia_text_foreach_word (text, -1, append_quoted_word, &builder);

  if (query->len == 0)
    return NULL;

  if (prefix_last)
    g_string_append_c (query, '*');

  return g_string_free (g_steal_pointer (&query), FALSE);
}

char *
lia_fts_build_query (const char *text,
                     gboolean    prefix_last)
{
  g_return_val_if_fail (text != NULL, NULL);

  return build_query (text, prefix_last, " ");
}

/**
 * lia_fts_build_query_any:
 *
 * Like lia_fts_build_query(), but any one of the words may match: the
 * fallback when a question in plain words ("when to use an armed escort")
 * has no card with every word.
 */
char *
lia_fts_build_query_any (const char *text,
                         gboolean    prefix_last)
{
  g_return_val_if_fail (text != NULL, NULL);

  return build_query (text, prefix_last, " OR ");
}
