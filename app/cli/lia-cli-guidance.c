/* lia-cli-guidance.c — read, search and manage the guidance cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "lia-cli-command.h"

#define SEARCH_DEFAULT_LIMIT 20

/* In the order a newcomer should read them. */
static const struct
{
  const char *category;
  const char *label;
} categories[] = {
  { "principles", N_("Principles") },
  { "military-assets", N_("Military and civil defence assets") },
  { "security", N_("Security") },
  { "notification", N_("Humanitarian notification") },
  { "engagement", N_("Engagement with armed actors") },
  { "practice", N_("Practice") },
};

/* A newer pack may bring a category this build does not know: it comes
 * last, under its own name. */
static guint
category_position (const char *category)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      if (g_str_equal (categories[i].category, category))
        break;
    }

  return i;
}

static const char *
category_label (const char *category)
{
  guint position = category_position (category);

  return position < G_N_ELEMENTS (categories) ? _(categories[position].label) : category;
}

static const char *
status_label (const char *status)
{
  if (g_str_equal (status, "draft"))
    return _("draft translation");
  if (g_str_equal (status, "reviewed"))
    return _("reviewed translation");

  return _("original");
}

/* Checks --lang.  Where @all_allowed, “all” becomes %NULL: every language. */
static gboolean
check_lang (const LiaCliCommand  *command,
            char                **lang,
            gboolean              all_allowed,
            int                  *exit_status)
{
  if (*lang == NULL || g_strv_contains (lia_guidance_languages, *lang))
    return TRUE;

  if (all_allowed && g_str_equal (*lang, "all"))
    {
      g_clear_pointer (lang, g_free);
      return TRUE;
    }

  if (all_allowed)
    *exit_status = lia_cli_usage_error (command, _("“%s” is not a guidance language: use en, fr, ar or all"), *lang);
  else
    *exit_status = lia_cli_usage_error (command, _("“%s” is not a guidance language: use en, fr or ar"), *lang);

  return FALSE;
}

/* Checks that exactly @n_wanted arguments follow the sub-command's name;
 * @missing names them, marked with N_(), as the usage line does. */
static gboolean
check_arguments (const LiaCliCommand  *command,
                 int                   argc,
                 char                **argv,
                 int                   n_wanted,
                 const char * const   *missing,
                 int                  *exit_status)
{
  if (argc - 1 < n_wanted)
    {
      /* Translators: %s is what is missing: an argument named as in the usage
       * line, such as ID, or an option such as --output */
      *exit_status = lia_cli_usage_error (command, _("%s is missing"), _(missing[argc - 1]));
      return FALSE;
    }

  if (argc - 1 > n_wanted)
    {
      *exit_status = lia_cli_usage_error (command, _("unexpected argument “%s”"), argv[n_wanted + 1]);
      return FALSE;
    }

  return TRUE;
}

/* Text typed on the command line goes into the database and the search
 * index, which hold UTF-8 only. */
static gboolean
check_utf8 (const LiaCliCommand *command,
            const char          *text,
            int                 *exit_status)
{
  if (g_utf8_validate (text, -1, NULL))
    return TRUE;

  *exit_status = lia_cli_usage_error (command, _("the text is not valid UTF-8"));
  return FALSE;
}

/* Reading the guidance never creates the data folder or the database. */
static LiaGuidancePack *
open_pack (LiaCliOptions  *options,
           GError        **error)
{
  g_autofree char *data_dir = lia_cli_dup_data_dir (options);

  return lia_guidance_pack_open_best (data_dir, error);
}

/* Opens the store to mark card @id once the pack is known to have it:
 * marks are kept by id, and a typo would leave a mark nobody ever sees. */
static LiaStore *
open_store_for_card (LiaCliOptions  *options,
                     const char     *id,
                     GError        **error)
{
  g_autoptr(LiaGuidancePack) pack = NULL;
  g_autoptr(LiaGuidanceEntry) entry = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(pack = open_pack (options, error)))
    return NULL;

  entry = lia_guidance_pack_get_entry (pack, id, lia_guidance_languages[0], &local_error);
  if (entry != NULL)
    return lia_cli_open_store (options, error);

  if (g_error_matches (local_error, LIA_ERROR, LIA_ERROR_NOT_FOUND))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                   /* Translators: “liaison-cli guidance list”: a command line to type as is */
                   _("There is no guidance card “%s”. Run “%s guidance list” to see the cards."),
                   id, LIA_CLI_NAME);
    }
  else
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return NULL;
}

/* Loads card @id in @lang, or in the first language if %NULL, with its
 * entry in the pack. */
static LiaGuidanceCard *
load_card (LiaCliOptions     *options,
           const char        *id,
           const char        *lang,
           LiaGuidanceEntry **entry,
           GError           **error)
{
  g_autoptr(LiaGuidancePack) pack = open_pack (options, error);

  if (lang == NULL)
    lang = lia_guidance_languages[0];

  if (pack == NULL || !(*entry = lia_guidance_pack_get_entry (pack, id, lang, error)))
    return NULL;

  return lia_guidance_pack_load_card (pack, id, lang, error);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_entry_members (JsonBuilder            *builder,
                   const LiaGuidanceEntry *entry)
{
  add_string_member (builder, "id", entry->id);
  add_string_member (builder, "lang", entry->lang);
  add_string_member (builder, "category", entry->category);
  add_string_member (builder, "title", entry->title);
  add_string_member (builder, "summary", entry->summary);
  add_string_member (builder, "status", entry->status);
  add_string_member (builder, "updated", entry->updated);
}

static guint
language_position (const char *lang)
{
  guint i;

  for (i = 0; lia_guidance_languages[i] != NULL; i++)
    {
      if (g_str_equal (lia_guidance_languages[i], lang))
        break;
    }

  return i;
}

/* Categories in reading order, cards by id, and each card's languages in
 * the order they are offered. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const LiaGuidanceEntry *entry_a = *(LiaGuidanceEntry * const *) a;
  const LiaGuidanceEntry *entry_b = *(LiaGuidanceEntry * const *) b;
  int cmp;

  if ((cmp = (int) category_position (entry_a->category) - (int) category_position (entry_b->category)) != 0 ||
      (cmp = strcmp (entry_a->category, entry_b->category)) != 0 ||
      (cmp = strcmp (entry_a->id, entry_b->id)) != 0)
    return cmp;

  return (int) language_position (entry_a->lang) - (int) language_position (entry_b->lang);
}

static int
build_run (const LiaCliCommand  *command,
           LiaCliOptions        *options,
           int                   argc,
           char                **argv)
{
  const char * const missing[] = { N_("SOURCE_DIR") };
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the pack to FILE"), N_("FILE") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status) ||
      !check_arguments (command, argc, argv, 1, missing, &exit_status))
    return exit_status;

  if (output == NULL)
    return lia_cli_usage_error (command, _("%s is missing"), "--output");

  if (!lia_guidance_pack_build (argv[1], output, &error))
    return lia_cli_failure (error);

  return LIA_CLI_EXIT_OK;
}

static void
print_list (LiaGuidancePack *pack,
            GPtrArray       *entries)
{
  g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              lia_guidance_pack_get_content_version (pack));
  const char *category = NULL;
  glong id_width = 0;
  glong status_width = 0;

  /* Titles come last: their length varies, and some run right to left. */
  for (guint i = 0; i < entries->len; i++)
    {
      const LiaGuidanceEntry *entry = g_ptr_array_index (entries, i);

      id_width = MAX (id_width, g_utf8_strlen (entry->id, -1));
      status_width = MAX (status_width, g_utf8_strlen (status_label (entry->status), -1));
    }

  g_print (_("Guidance content version %s\n"), version);

  for (guint i = 0; i < entries->len; i++)
    {
      const LiaGuidanceEntry *entry = g_ptr_array_index (entries, i);
      const char *status = status_label (entry->status);

      if (g_strcmp0 (category, entry->category) != 0)
        {
          category = entry->category;
          g_print ("\n%s\n", category_label (category));
        }

      g_print ("  %s%*s  %s  %s%*s  %s\n",
               entry->id, (int) (id_width - g_utf8_strlen (entry->id, -1)), "",
               entry->lang,
               status, (int) (status_width - g_utf8_strlen (status, -1)), "",
               entry->title);
    }
}

static int
list_run (const LiaCliCommand  *command,
          LiaCliOptions        *options,
          int                   argc,
          char                **argv)
{
  g_autoptr(LiaGuidancePack) pack = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lang = NULL;
  const GOptionEntry entries_options[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Only the cards in language LANG: en, fr, ar or all"), N_("LANG") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries_options, &argc, &argv, &exit_status) ||
      !check_lang (command, &lang, TRUE, &exit_status))
    return exit_status;

  if (!(pack = open_pack (options, &error)) ||
      !(entries = lia_guidance_pack_list (pack, lang, &error)))
    return lia_cli_failure (error);

  g_ptr_array_sort (entries, compare_entries);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        {
          json_builder_begin_object (builder);
          add_entry_members (builder, g_ptr_array_index (entries, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      lia_cli_print_json (root);
    }
  else
    {
      print_list (pack, entries);
    }

  return LIA_CLI_EXIT_OK;
}

/* How each kind of block is named in JSON and marked in text. */
static const struct
{
  const char *name;
  const char *marker;
} block_kinds[] = {
  [LIA_CARD_BLOCK_HEADING] = { "heading", "" },
  [LIA_CARD_BLOCK_PARAGRAPH] = { "paragraph", "" },
  [LIA_CARD_BLOCK_BULLET] = { "bullet", "• " },
  [LIA_CARD_BLOCK_DO] = { "do", "✓ " },
  [LIA_CARD_BLOCK_DONT] = { "dont", "✗ " },
};

static const LiaCardBlock *
get_block (LiaGuidanceCard *card,
           guint            position)
{
  const LiaCardBlock *block = lia_guidance_card_get_block (card, position);

  g_assert (block->type < G_N_ELEMENTS (block_kinds));
  return block;
}

static void
print_card_json (LiaGuidanceCard        *card,
                 const LiaGuidanceEntry *entry,
                 gboolean                bookmarked,
                 const char             *note)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *ask = lia_card_inline_to_plain (lia_guidance_card_get_ask (card));
  const char * const *sources = lia_guidance_card_get_sources (card);

  json_builder_begin_object (builder);
  add_entry_members (builder, entry);

  json_builder_set_member_name (builder, "blocks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < lia_guidance_card_get_n_blocks (card); i++)
    {
      const LiaCardBlock *block = get_block (card, i);
      g_autofree char *text = lia_card_inline_to_plain (block->text);

      json_builder_begin_object (builder);
      add_string_member (builder, "type", block_kinds[block->type].name);
      add_string_member (builder, "text", text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_string_member (builder, "ask", ask);

  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; sources[i] != NULL; i++)
    json_builder_add_string_value (builder, sources[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "bookmarked");
  json_builder_add_boolean_value (builder, bookmarked);
  add_string_member (builder, "note", note);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  lia_cli_print_json (root);
}

/* Blocks of one kind stay together; a heading or a paragraph, or a change
 * of kind, starts after an empty line. */
static gboolean
starts_group (LiaCardBlockType previous,
              LiaCardBlockType type)
{
  return previous != LIA_CARD_BLOCK_HEADING &&
         (type != previous || type == LIA_CARD_BLOCK_HEADING || type == LIA_CARD_BLOCK_PARAGRAPH);
}

static void
print_card (LiaGuidanceCard        *card,
            const LiaGuidanceEntry *entry,
            gboolean                bookmarked,
            const char             *note)
{
  g_autofree char *title = lia_card_inline_to_plain (lia_guidance_card_get_title (card));
  g_autofree char *summary = lia_card_inline_to_plain (lia_guidance_card_get_summary (card));
  g_autofree char *ask = lia_card_inline_to_plain (lia_guidance_card_get_ask (card));
  const char * const *sources = lia_guidance_card_get_sources (card);
  /* The summary reads as a paragraph of its own. */
  LiaCardBlockType previous = LIA_CARD_BLOCK_PARAGRAPH;

  g_print ("%s\n", title);
  if (g_str_equal (entry->status, "draft"))
    g_print ("%s\n", _("Draft translation — not yet reviewed"));
  if (bookmarked)
    g_print ("%s\n", _("Bookmarked"));

  /* Translators: the one-sentence summary of a guidance card follows */
  g_print ("\n%s %s\n", _("In short:"), summary);

  for (guint i = 0; i < lia_guidance_card_get_n_blocks (card); i++)
    {
      const LiaCardBlock *block = get_block (card, i);
      g_autofree char *text = lia_card_inline_to_plain (block->text);

      if (starts_group (previous, block->type))
        g_print ("\n");
      previous = block->type;

      g_print ("%s%s\n", block_kinds[block->type].marker, text);
    }

  /* Translators: who to ask follows */
  g_print ("\n%s %s\n", _("When in doubt, ask:"), ask);

  g_print ("\n%s\n", _("Sources:"));
  for (guint i = 0; sources[i] != NULL; i++)
    g_print ("  %s\n", sources[i]);

  /* Translators: a date written YYYY-MM-DD follows */
  g_print ("\n%s %s\n", _("Last updated:"), entry->updated);

  if (*note != '\0')
    g_print ("\n%s\n%s\n", _("Your note:"), note);
}

static int
show_run (const LiaCliCommand  *command,
          LiaCliOptions        *options,
          int                   argc,
          char                **argv)
{
  const char * const missing[] = { N_("ID") };
  g_autoptr(LiaGuidanceCard) card = NULL;
  g_autoptr(LiaGuidanceEntry) entry = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Show the card in language LANG: en (the default), fr or ar"), N_("LANG") },
    { NULL }
  };
  gboolean bookmarked;
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status) ||
      !check_arguments (command, argc, argv, 1, missing, &exit_status) ||
      !check_lang (command, &lang, FALSE, &exit_status))
    return exit_status;

  if (!(card = load_card (options, argv[1], lang, &entry, &error)) ||
      !(store = lia_cli_open_store (options, &error)))
    return lia_cli_failure (error);

  bookmarked = lia_guidance_marks_get_bookmarked (store, argv[1]);
  note = lia_guidance_marks_get_note (store, argv[1]);

  if (options->json)
    print_card_json (card, entry, bookmarked, note);
  else
    print_card (card, entry, bookmarked, note);

  return LIA_CLI_EXIT_OK;
}

/* Replaces the match markers of a search snippet with @open and @close, and
 * line breaks between blocks with spaces, for a one-line snippet. */
static char *
format_snippet (const char *snippet,
                const char *open,
                const char *close)
{
  GString *text = g_string_new (NULL);

  for (const char *p = snippet; *p != '\0'; p++)
    {
      if (*p == '\x01')
        g_string_append (text, open);
      else if (*p == '\x02')
        g_string_append (text, close);
      else if (*p == '\n')
        g_string_append_c (text, ' ');
      else
        g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

static void
print_results_json (GPtrArray *results)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    {
      const LiaGuidanceEntry *entry = g_ptr_array_index (results, i);
      g_autofree char *snippet = format_snippet (entry->snippet, "**", "**");

      json_builder_begin_object (builder);
      add_string_member (builder, "id", entry->id);
      add_string_member (builder, "lang", entry->lang);
      add_string_member (builder, "title", entry->title);
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, entry->score);
      add_string_member (builder, "snippet", snippet);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  lia_cli_print_json (root);
}

static void
print_results (GPtrArray  *results,
               const char *query)
{
  /* Bold for a person at a terminal, never in a file or a pipe. */
  gboolean bold = isatty (fileno (stdout));
  int rank_width = snprintf (NULL, 0, "%u", results->len);

  if (results->len == 0)
    {
      g_print (_("No guidance card matches “%s”.\n"), query);
      return;
    }

  for (guint i = 0; i < results->len; i++)
    {
      const LiaGuidanceEntry *entry = g_ptr_array_index (results, i);
      g_autofree char *snippet = format_snippet (entry->snippet,
                                                 bold ? "\033[1m" : "",
                                                 bold ? "\033[0m" : "");

      g_print ("%*u. %s  %s  %s\n", rank_width, i + 1, entry->id, entry->lang, entry->title);
      g_print ("%*s  %s\n", rank_width, "", snippet);
    }
}

static int
search_run (const LiaCliCommand  *command,
            LiaCliOptions        *options,
            int                   argc,
            char                **argv)
{
  g_autoptr(LiaGuidancePack) pack = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *query = NULL;
  int limit = SEARCH_DEFAULT_LIMIT;
  const GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Search the cards in language LANG: en, fr, ar or all (the default)"), N_("LANG") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N cards (20 by default)"), N_("N") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status) ||
      !check_lang (command, &lang, TRUE, &exit_status))
    return exit_status;

  if (limit < 1)
    return lia_cli_usage_error (command, _("--limit must be 1 or more"));

  /* The words may come quoted together or apart. */
  query = g_strjoinv (" ", argv + 1);
  if (!check_utf8 (command, query, &exit_status))
    return exit_status;
  if (*g_strstrip (query) == '\0')
    return lia_cli_usage_error (command, _("%s is missing"), _("QUERY"));

  if (!(pack = open_pack (options, &error)) ||
      !(results = lia_guidance_pack_search (pack, query, lang, limit, &error)))
    return lia_cli_failure (error);

  if (options->json)
    print_results_json (results);
  else
    print_results (results, query);

  return LIA_CLI_EXIT_OK;
}

static int
export_pdf_run (const LiaCliCommand  *command,
                LiaCliOptions        *options,
                int                   argc,
                char                **argv)
{
  const char * const missing[] = { N_("ID") };
  g_autoptr(LiaGuidanceCard) card = NULL;
  g_autoptr(LiaGuidanceEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Export the card in language LANG: en (the default), fr or ar"), N_("LANG") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE"), N_("FILE") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status) ||
      !check_arguments (command, argc, argv, 1, missing, &exit_status) ||
      !check_lang (command, &lang, FALSE, &exit_status))
    return exit_status;

  if (output == NULL)
    return lia_cli_usage_error (command, _("%s is missing"), "--output");

  if (!(card = load_card (options, argv[1], lang, &entry, &error)) ||
      !lia_guidance_export_pdf (card, entry, output, &error))
    return lia_cli_failure (error);

  return LIA_CLI_EXIT_OK;
}

static int
install_run (const LiaCliCommand  *command,
             LiaCliOptions        *options,
             int                   argc,
             char                **argv)
{
  const char * const missing[] = { N_("PACK") };
  g_autoptr(LiaGuidancePack) installed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *version = NULL;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status) ||
      !check_arguments (command, argc, argv, 1, missing, &exit_status))
    return exit_status;

  data_dir = lia_cli_dup_data_dir (options);
  path = g_build_filename (data_dir, LIA_GUIDANCE_PACK_FILENAME, NULL);

  if (!lia_guidance_pack_install (argv[1], data_dir, &error) ||
      !(installed = lia_guidance_pack_open (path, &error)))
    return lia_cli_failure (error);

  version = g_strdup_printf ("%" G_GINT64_FORMAT, lia_guidance_pack_get_content_version (installed));
  g_print (_("Installed guidance content version %s.\n"), version);

  return LIA_CLI_EXIT_OK;
}

static int
bookmark_run (const LiaCliCommand  *command,
              LiaCliOptions        *options,
              int                   argc,
              char                **argv)
{
  const char * const missing[] = { N_("ID") };
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean off = FALSE;
  const GOptionEntry entries[] = {
    { "off", 0, 0, G_OPTION_ARG_NONE, &off, N_("Remove the bookmark"), NULL },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status) ||
      !check_arguments (command, argc, argv, 1, missing, &exit_status))
    return exit_status;

  if (!(store = open_store_for_card (options, argv[1], &error)) ||
      !lia_guidance_marks_set_bookmarked (store, argv[1], !off, &error))
    return lia_cli_failure (error);

  if (off)
    g_print (_("Removed the bookmark on “%s”.\n"), argv[1]);
  else
    g_print (_("Bookmarked “%s”.\n"), argv[1]);

  return LIA_CLI_EXIT_OK;
}

static int
note_run (const LiaCliCommand  *command,
          LiaCliOptions        *options,
          int                   argc,
          char                **argv)
{
  const char * const missing[] = { N_("ID"), N_("TEXT") };
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status) ||
      !check_arguments (command, argc, argv, 2, missing, &exit_status) ||
      !check_utf8 (command, argv[2], &exit_status))
    return exit_status;

  if (!(store = open_store_for_card (options, argv[1], &error)) ||
      !lia_guidance_marks_set_note (store, argv[1], argv[2], &error))
    return lia_cli_failure (error);

  /* The note itself is not repeated: output ends up in logs. */
  if (*argv[2] == '\0')
    g_print (_("Removed your note on “%s”.\n"), argv[1]);
  else
    g_print (_("Saved your note on “%s”.\n"), argv[1]);

  return LIA_CLI_EXIT_OK;
}

static const LiaCliCommand build_command = {
  .name = "guidance build",
  .parameter_string = N_("SOURCE_DIR"),
  .summary = N_("Compile card sources into a guidance pack"),
  .description = N_("SOURCE_DIR holds manifest.ini and one folder of cards per language. "
                    "The first problem found is reported with its file and line, and no pack is written. "
                    "Does not touch the data folder."),
  .run = build_run,
};

static const LiaCliCommand list_command = {
  .name = "guidance list",
  .summary = N_("List the guidance cards by category"),
  .description = N_("Lists every card in every language unless --lang is given, "
                    "from the newest guidance pack: the installed one or the one shipped with Liaison."),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = list_run,
};

static const LiaCliCommand show_command = {
  .name = "guidance show",
  .parameter_string = N_("ID"),
  .summary = N_("Show a guidance card, with your bookmark and note"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = show_run,
};

static const LiaCliCommand search_command = {
  .name = "guidance search",
  .parameter_string = N_("QUERY…"),
  .summary = N_("Search the guidance cards, best matches first"),
  .description = N_("Cards with every word come first; if no card has them all, cards with any of them. "
                    "The last word may be the start of a word. "
                    "With --json, the words that matched are between ** and ** in “snippet”, as in Markdown."),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = search_run,
};

static const LiaCliCommand export_pdf_command = {
  .name = "guidance export-pdf",
  .parameter_string = N_("ID"),
  .summary = N_("Save a guidance card as a one-page PDF to print"),
  .run = export_pdf_run,
};

static const LiaCliCommand install_command = {
  .name = "guidance install",
  .parameter_string = N_("PACK"),
  .summary = N_("Install a guidance pack from HQ"),
  .description = N_("Installs PACK in the data folder if it is intact and newer than the installed one; "
                    "otherwise nothing is changed."),
  .run = install_run,
};

static const LiaCliCommand bookmark_command = {
  .name = "guidance bookmark",
  .parameter_string = N_("ID"),
  .summary = N_("Bookmark a guidance card, or remove the bookmark"),
  .run = bookmark_run,
};

static const LiaCliCommand note_command = {
  .name = "guidance note",
  .parameter_string = N_("ID TEXT"),
  .summary = N_("Keep a note on a guidance card; empty TEXT removes it"),
  .run = note_run,
};

static const LiaCliCommand * const subcommands[] = {
  &list_command,
  &show_command,
  &search_command,
  &bookmark_command,
  &note_command,
  &export_pdf_command,
  &install_command,
  &build_command,
};

const LiaCliCommand lia_cli_guidance_command = {
  .name = "guidance",
  .parameter_string = N_("SUBCOMMAND [ARG…]"),
  .summary = N_("Read, search and manage the guidance cards"),
  /* Its sub-commands say which of them take --json. */
  .flags = LIA_CLI_COMMAND_JSON,
  .run = lia_cli_group_run,
  .subcommands = subcommands,
  .n_subcommands = G_N_ELEMENTS (subcommands),
};
