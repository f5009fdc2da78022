/* lia-text-normalize.h — search normalisation of English, French and Arabic words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which stemming rules apply to Latin-script words.  Script rules (case,
 * accents, elision, Arabic orthography and article, digits) apply whatever
 * the language, because guidance in one language quotes names and places
 * written in the others. */
typedef enum
{
  LIA_TEXT_LANGUAGE_ANY,   /* English stemming, as for EN */
  LIA_TEXT_LANGUAGE_EN,
  LIA_TEXT_LANGUAGE_FR,    /* French plurals only */
  LIA_TEXT_LANGUAGE_AR,    /* Latin words are folded, not stemmed */
} LiaTextLanguage;

typedef enum
{
  LIA_TEXT_FORMS_DEFAULT = 0,
  /* Also the folded but unstemmed, unstripped form, so that a prefix
   * ("escorti*", "الم*") still meets the words it begins. */
  LIA_TEXT_FORMS_SURFACE = 1 << 0,
} LiaTextFormsFlags;

/* Called for each word with its byte range [start, end) in text; return
 * FALSE to stop. */
typedef gboolean (*LiaTextWordFunc) (const char *text,
                                     gsize       start,
                                     gsize       end,
                                     gpointer    user_data);

gboolean  lia_text_language_from_string (const char        *code,
                                         LiaTextLanguage   *language);

void      lia_text_foreach_word         (const char        *text,
                                         gssize             len,
                                         LiaTextWordFunc    func,
                                         gpointer           user_data);
gsize     lia_text_get_elision_length   (const char        *word,
                                         gsize              len);

char     *lia_text_normalize_token      (const char        *token,
                                         gssize             len,
                                         LiaTextLanguage    language);
GStrv     lia_text_get_token_forms      (const char        *token,
                                         gssize             len,
                                         LiaTextLanguage    language,
                                         LiaTextFormsFlags  flags);
char     *lia_text_normalize_query      (const char        *text,
                                         LiaTextLanguage    language);

G_END_DECLS
