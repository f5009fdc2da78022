/* bench-search.c — guidance pack build time and search latency, on the
 * bundled cards and on a generated pack of 10,000 cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-search [--ids N] [--limit N] GUIDANCE-SOURCE-DIR
 *
 * The generated cards recombine the real cards' titles, headings,
 * sentences and links, language by language, so the index holds the words
 * (and the word frequencies) of real guidance, only more of it.  The
 * queries are what field officers type: whole words and words still being
 * typed, in English, French and Arabic, searched in their own language and
 * in every language.
 */
#include "config.h"

#include "lia-test-util.h"

#include <locale.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lia-guidance-pack.h"

/* What a search may cost, median */
#define TARGET_BUNDLED_MS   2.0
#define TARGET_GENERATED_MS 20.0

#define BUILD_RUNS          5
#define BUNDLED_ROUNDS      5
#define GENERATED_ROUNDS    1

typedef struct
{
  const char *lang;
  const char *text;
} BaseQuery;

static const BaseQuery base_queries[] = {
  { "en", "armed escorts" },
  { "en", "convoys" },
  { "en", "medical evacuation" },
  { "en", "notifying a movement" },
  { "en", "static site" },
  { "en", "notified site hit" },
  { "en", "last resort" },
  { "en", "oslo guidelines" },
  { "en", "mcda" },
  { "en", "neutrality impartiality" },
  { "en", "handover successor" },
  { "en", "stakeholder mapping" },
  { "en", "quick impact projects" },
  { "en", "ebola field hospitals" },
  { "en", "non-state armed groups" },
  { "en", "lessons learned" },
  { "en", "sharing information" },
  { "en", "foreign military assets" },
  { "en", "indirect assistance" },
  { "en", "security risk assessment" },
  { "fr", "escorte armee" },
  { "fr", "l'escorte" },
  { "fr", "evacuation medicale" },
  { "fr", "notifier un mouvement" },
  { "fr", "site fixe" },
  { "fr", "site notifie frappe" },
  { "fr", "dernier recours" },
  { "fr", "directives d'oslo" },
  { "fr", "neutralite impartialite" },
  { "fr", "passation" },
  { "fr", "cartographie des acteurs" },
  { "fr", "projets a effet rapide" },
  { "fr", "hopitaux de campagne" },
  { "fr", "groupes armes non etatiques" },
  { "fr", "revue apres action" },
  { "fr", "partager l'information" },
  { "fr", "moyens militaires etrangers" },
  { "fr", "assistance indirecte" },
  { "fr", "coexistence" },
  { "fr", "securite" },
  { "ar", "المرافقة المسلحة" },
  { "ar", "مرافقه مسلحه" },
  { "ar", "بالإخطار" },
  { "ar", "اخطار تحرك" },
  { "ar", "اخلاء طبي" },
  { "ar", "موقع ثابت" },
  { "ar", "موقع مخطر به ضربة" },
  { "ar", "الملاذ الأخير" },
  { "ar", "مبادئ اوسلو" },
  { "ar", "عدم التحيز" },
  { "ar", "التسليم والتسلم" },
  { "ar", "خريطة الجهات الفاعلة" },
  { "ar", "مشاريع الأثر السريع" },
  { "ar", "تفشي الأمراض" },
  { "ar", "جماعات مسلحة" },
  { "ar", "استعراض ما بعد العمل" },
  { "ar", "تبادل المعلومات" },
  { "ar", "الأصول العسكرية الأجنبية" },
  { "ar", "البنية التحتية" },
  { "ar", "للقوافل الإنسانية" },
};

typedef struct
{
  const char *lang;   /* NULL: every language */
  char       *text;
} Query;

static void
query_free (Query *query)
{
  g_free (query->text);
  g_free (query);
}

static void
add_query (GPtrArray  *queries,
           const char *lang,
           const char *text)
{
  Query *query = g_new0 (Query, 1);

  query->lang = lang;
  query->text = g_strdup (text);
  g_ptr_array_add (queries, query);
}

/* Each base query whole, then as typed: the last word cut after its third
 * letter and halfway; each in its own language and in every language. */
static GPtrArray *
make_queries (void)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func ((GDestroyNotify) query_free);

  for (guint i = 0; i < G_N_ELEMENTS (base_queries); i++)
    {
      const char *text = base_queries[i].text;
      const char *space = strrchr (text, ' ');
      const char *last = space != NULL ? space + 1 : text;
      glong n_last = g_utf8_strlen (last, -1);
      glong cuts[] = { 3, (n_last + 1) / 2 + 1 };
      g_autoptr(GPtrArray) forms = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (forms, g_strdup (text));
      for (guint c = 0; c < G_N_ELEMENTS (cuts); c++)
        {
          if (cuts[c] < n_last && (c == 0 || cuts[c] != cuts[0]))
            g_ptr_array_add (forms, g_strndup (text, g_utf8_offset_to_pointer (last, cuts[c]) - text));
        }

      for (guint f = 0; f < forms->len; f++)
        {
          add_query (queries, base_queries[i].lang, g_ptr_array_index (forms, f));
          add_query (queries, NULL, g_ptr_array_index (forms, f));
        }
    }

  return queries;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* @sorted must be sorted and not empty; @q in [0, 1] */
static double
quantile (GArray *sorted,
          double  q)
{
  guint n = sorted->len;
  guint i = (guint) (q * (n - 1) + 0.5);

  return g_array_index (sorted, double, MIN (i, n - 1));
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (goffset) st.st_size : -1;
}

typedef struct
{
  GArray *one;   /* of double, ms: searches in one language */
  GArray *all;   /* searches in every language */
  GArray *both;
  double *slowest;  /* per query, its slowest round */
  guint   rounds;
  guint   limit;
  guint   n_results;
} Latency;

static void
latency_clear (Latency *latency)
{
  g_clear_pointer (&latency->one, g_array_unref);
  g_clear_pointer (&latency->all, g_array_unref);
  g_clear_pointer (&latency->both, g_array_unref);
  g_clear_pointer (&latency->slowest, g_free);
}

/* Every query once to warm the page cache and SQLite's, then @rounds timed
 * passes. */
static gboolean
measure_search (LiaGuidancePack  *pack,
                GPtrArray        *queries,
                guint             rounds,
                guint             limit,
                Latency          *latency,
                GError          **error)
{
  latency->one = g_array_new (FALSE, FALSE, sizeof (double));
  latency->all = g_array_new (FALSE, FALSE, sizeof (double));
  latency->both = g_array_new (FALSE, FALSE, sizeof (double));
  latency->slowest = g_new0 (double, queries->len);
  latency->rounds = rounds;
  latency->limit = limit;
  latency->n_results = 0;

  for (guint round = 0; round <= rounds; round++)
    {
      for (guint i = 0; i < queries->len; i++)
        {
          const Query *query = g_ptr_array_index (queries, i);
          g_autoptr(GPtrArray) results = NULL;
          gint64 start;
          double ms;

          start = g_get_monotonic_time ();
          results = lia_guidance_pack_search (pack, query->text, query->lang, limit, error);
          ms = elapsed_ms (start);

          if (results == NULL)
            return FALSE;
          if (round == 0)
            {
              latency->n_results += results->len;
              continue;
            }

          g_array_append_val (query->lang != NULL ? latency->one : latency->all, ms);
          g_array_append_val (latency->both, ms);
          latency->slowest[i] = MAX (latency->slowest[i], ms);
        }
    }

  g_array_sort (latency->one, compare_doubles);
  g_array_sort (latency->all, compare_doubles);
  g_array_sort (latency->both, compare_doubles);

  return TRUE;
}

static void
print_latency_row (const char *label,
                   GArray     *sorted,
                   double      target)
{
  double median = quantile (sorted, 0.5);

  g_print ("  %-26s %6u %9.3f %9.3f %9.3f",
           label, sorted->len, median, quantile (sorted, 0.99),
           g_array_index (sorted, double, sorted->len - 1));
  if (target > 0)
    g_print ("   median < %g ms: %s", target, median < target ? "met" : "MISSED");
  g_print ("\n");
}

/* Slowest first */
static int
compare_slowest (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const double *slowest = user_data;
  guint i = *(const guint *) a;
  guint j = *(const guint *) b;

  return (slowest[i] < slowest[j]) - (slowest[i] > slowest[j]);
}

static void
print_latency (const char *title,
               Latency    *latency,
               GPtrArray  *queries,
               double      target)
{
  guint n_queries = queries->len;
  g_autofree guint *order = g_new (guint, n_queries);

  g_print ("\n%s: %u queries x %u round%s, limit %u (%.1f results per query)\n",
           title, n_queries, latency->rounds, latency->rounds == 1 ? "" : "s", latency->limit,
           (double) latency->n_results / n_queries);
  g_print ("  %-26s %6s %9s %9s %9s\n", "searches in ms", "n", "median", "p99", "max");
  print_latency_row ("all queries", latency->both, target);
  print_latency_row ("one language", latency->one, 0);
  print_latency_row ("every language", latency->all, 0);

  for (guint i = 0; i < n_queries; i++)
    order[i] = i;
  g_qsort_with_data (order, n_queries, sizeof (guint), compare_slowest, latency->slowest);

  g_print ("  slowest:");
  for (guint i = 0; i < MIN (n_queries, 5); i++)
    {
      const Query *query = g_ptr_array_index (queries, order[i]);

      g_print ("%s [%s] \"%s\" %.1f ms", i > 0 ? "," : "",
               query->lang != NULL ? query->lang : "all", query->text, latency->slowest[order[i]]);
    }
  g_print ("\n");
}

/* Generated sources ------------------------------------------------------ */

typedef struct
{
  GPtrArray *titles;
  GPtrArray *summaries;
  GPtrArray *headings;
  GPtrArray *items;      /* bullets and paragraphs, with their markers */
  GPtrArray *dos;        /* "+ " and "- " lines */
  GPtrArray *asks;
  GPtrArray *sources;
} LinePool;

static void
line_pool_clear (LinePool *pool)
{
  g_clear_pointer (&pool->titles, g_ptr_array_unref);
  g_clear_pointer (&pool->summaries, g_ptr_array_unref);
  g_clear_pointer (&pool->headings, g_ptr_array_unref);
  g_clear_pointer (&pool->items, g_ptr_array_unref);
  g_clear_pointer (&pool->dos, g_ptr_array_unref);
  g_clear_pointer (&pool->asks, g_ptr_array_unref);
  g_clear_pointer (&pool->sources, g_ptr_array_unref);
}

static void
line_pool_init (LinePool *pool)
{
  pool->titles = g_ptr_array_new_with_free_func (g_free);
  pool->summaries = g_ptr_array_new_with_free_func (g_free);
  pool->headings = g_ptr_array_new_with_free_func (g_free);
  pool->items = g_ptr_array_new_with_free_func (g_free);
  pool->dos = g_ptr_array_new_with_free_func (g_free);
  pool->asks = g_ptr_array_new_with_free_func (g_free);
  pool->sources = g_ptr_array_new_with_free_func (g_free);
}

/* Sorts one card's lines into @pool; consecutive text lines are one
 * paragraph.  @pool->titles gets the title in the card's place. */
static void
pool_card (LinePool   *pool,
           const char *source)
{
  g_auto(GStrv) lines = g_strsplit (source, "\n", -1);
  g_autoptr(GString) paragraph = g_string_new (NULL);

  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];
      gboolean is_text = line != NULL && *line != '\0' && strchr ("=>*+-?@#", *line) == NULL;

      if (is_text)
        {
          if (paragraph->len > 0)
            g_string_append_c (paragraph, ' ');
          g_string_append (paragraph, line);
          continue;
        }
      if (paragraph->len > 0)
        {
          g_ptr_array_add (pool->items, g_strdup (paragraph->str));
          g_string_truncate (paragraph, 0);
        }
      if (line == NULL)
        break;

      if (g_str_has_prefix (line, "== "))
        g_ptr_array_add (pool->headings, g_strdup (line + 3));
      else if (g_str_has_prefix (line, "= "))
        g_ptr_array_add (pool->titles, g_strdup (line + 2));
      else if (g_str_has_prefix (line, "> "))
        g_ptr_array_add (pool->summaries, g_strdup (line));
      else if (g_str_has_prefix (line, "* "))
        g_ptr_array_add (pool->items, g_strdup (line));
      else if (g_str_has_prefix (line, "+ ") || g_str_has_prefix (line, "- "))
        g_ptr_array_add (pool->dos, g_strdup (line));
      else if (g_str_has_prefix (line, "? "))
        g_ptr_array_add (pool->asks, g_strdup (line));
      else if (g_str_has_prefix (line, "@ "))
        g_ptr_array_add (pool->sources, g_strdup (line));
    }
}

static const char *
pick (GRand     *rand,
      GPtrArray *lines)
{
  return g_ptr_array_index (lines, g_rand_int_range (rand, 0, lines->len));
}

/* Appends @line with each link [[id…]] pointing at copy @copy of that card,
 * which exists. */
static void
append_relinked (GString    *out,
                 const char *line,
                 guint       copy)
{
  const char *p = line;
  const char *link;

  while ((link = strstr (p, "[[")) != NULL)
    {
      const char *id_end = link + 2 + strspn (link + 2, "abcdefghijklmnopqrstuvwxyz0123456789-");

      g_string_append_len (out, p, id_end - p);
      g_string_append_printf (out, "-%u", copy);
      p = id_end;
    }
  g_string_append (out, p);
  g_string_append_c (out, '\n');
}

/* A card of about the length of the real ones: the base card's title with
 * another card's heading as subject, a summary, three sections of three
 * blocks, four do and don't items, the ask line and a source. */
static char *
generate_card (GRand      *rand,
               LinePool   *pool,
               guint       base,
               guint       n_copies)
{
  g_autoptr(GString) card = g_string_new (NULL);
  guint copy = g_rand_int_range (rand, 0, n_copies);

  g_string_append_printf (card, "= %s: %s\n",
                          (const char *) g_ptr_array_index (pool->titles, base),
                          pick (rand, pool->headings));
  append_relinked (card, pick (rand, pool->summaries), copy);

  for (guint s = 0; s < 3; s++)
    {
      g_string_append_printf (card, "\n== %s\n", pick (rand, pool->headings));
      for (guint b = 0; b < 3; b++)
        {
          g_string_append_c (card, '\n');
          append_relinked (card, pick (rand, pool->items), copy);
        }
    }

  g_string_append_c (card, '\n');
  for (guint d = 0; d < 4; d++)
    append_relinked (card, pick (rand, pool->dos), copy);

  g_string_append_c (card, '\n');
  append_relinked (card, pick (rand, pool->asks), copy);
  g_string_append_c (card, '\n');
  append_relinked (card, pick (rand, pool->sources), copy);

  return g_string_free (g_steal_pointer (&card), FALSE);
}

/* Writes @n_ids card ids, each in every language, into @out_dir: copy k of
 * real card "x" is "x-k", filed like "x" in the manifest. */
static gboolean
generate_sources (const char  *source_dir,
                  const char  *out_dir,
                  guint        n_ids,
                  GError     **error)
{
  g_autoptr(GKeyFile) manifest = g_key_file_new ();
  g_autoptr(GKeyFile) generated = g_key_file_new ();
  g_autofree char *manifest_path = g_build_filename (source_dir, "manifest.ini", NULL);
  g_autofree char *generated_path = g_build_filename (out_dir, "manifest.ini", NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);
  g_auto(GStrv) groups = NULL;
  guint n_copies;

  if (!g_key_file_load_from_file (manifest, manifest_path, G_KEY_FILE_NONE, error))
    return FALSE;

  groups = g_key_file_get_groups (manifest, NULL);
  for (guint g = 0; groups[g] != NULL; g++)
    {
      if (!g_str_equal (groups[g], "pack"))
        g_ptr_array_add (ids, groups[g]);
    }
  if (ids->len == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "%s lists no cards", manifest_path);
      return FALSE;
    }
  /* Links go to copies every card has. */
  n_copies = MAX (n_ids / ids->len, 1);

  g_key_file_set_integer (generated, "pack", "content-version", 1);

  for (guint l = 0; lia_guidance_languages[l] != NULL; l++)
    {
      const char *lang = lia_guidance_languages[l];
      g_autofree char *lang_dir = g_build_filename (out_dir, lang, NULL);
      LinePool pool;
      gboolean ok = TRUE;

      if (g_mkdir_with_parents (lang_dir, 0700) != 0)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot create %s", lang_dir);
          return FALSE;
        }

      line_pool_init (&pool);
      for (guint i = 0; i < ids->len && ok; i++)
        {
          g_autofree char *path = g_strdup_printf ("%s/%s/%s.card", source_dir, lang,
                                                   (const char *) g_ptr_array_index (ids, i));
          g_autofree char *source = NULL;

          if ((ok = g_file_get_contents (path, &source, NULL, error)))
            pool_card (&pool, source);
        }

      for (guint i = 0; i < n_ids && ok; i++)
        {
          guint base = i % ids->len;
          const char *base_id = g_ptr_array_index (ids, base);
          g_autofree char *id = g_strdup_printf ("%s-%u", base_id, i / ids->len);
          g_autofree char *path = g_strdup_printf ("%s/%s.card", lang_dir, id);
          g_autofree char *card = generate_card (rand, &pool, base, n_copies);

          ok = g_file_set_contents (path, card, -1, error);

          if (ok && l == 0)
            {
              const char * const keys[] = {
                "category", "tags", "updated", "status-en", "status-fr", "status-ar", NULL
              };

              for (guint k = 0; keys[k] != NULL; k++)
                {
                  g_autofree char *value = g_key_file_get_value (manifest, base_id, keys[k], NULL);

                  g_key_file_set_value (generated, id, keys[k], value != NULL ? value : "");
                }
              g_key_file_set_integer (generated, id, "version", 1);
            }
        }
      line_pool_clear (&pool);

      if (!ok)
        return FALSE;
    }

  return g_key_file_save_to_file (generated, generated_path, error);
}

/* ------------------------------------------------------------------------ */

static guint
count_cards (LiaGuidancePack  *pack,
             GError          **error)
{
  g_autoptr(GPtrArray) all = lia_guidance_pack_list (pack, NULL, error);

  return all != NULL ? all->len : 0;
}

static gboolean
run (const char  *source_dir,
     const char  *work_dir,
     guint        n_ids,
     guint        limit,
     GError     **error)
{
  g_autofree char *bundled_path = g_build_filename (work_dir, "bundled.pack", NULL);
  g_autofree char *generated_src = g_build_filename (work_dir, "generated", NULL);
  g_autofree char *generated_path = g_build_filename (work_dir, "generated.pack", NULL);
  g_autoptr(GArray) builds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) queries = make_queries ();
  g_autoptr(LiaGuidancePack) bundled = NULL;
  g_autoptr(LiaGuidancePack) generated = NULL;
  Latency bundled_latency = { 0 };
  Latency generated_latency = { 0 };
  guint n_bundled;
  guint n_generated;
  double generate_ms;
  double generated_build_ms;
  gint64 start;
  gboolean ok;

  g_print ("Guidance pack benchmark: SQLite %s, GLib %u.%u.%u, monotonic clock\n",
           sqlite3_libversion (), glib_major_version, glib_minor_version, glib_micro_version);

  /* (a) Build time of the bundled sources; the first build is a warm-up. */
  for (guint run = 0; run <= BUILD_RUNS; run++)
    {
      double ms;

      start = g_get_monotonic_time ();
      if (!lia_guidance_pack_build (source_dir, bundled_path, error))
        return FALSE;
      ms = elapsed_ms (start);
      if (run > 0)
        g_array_append_val (builds, ms);
    }
  g_array_sort (builds, compare_doubles);

  if (!(bundled = lia_guidance_pack_open (bundled_path, error)))
    return FALSE;
  if ((n_bundled = count_cards (bundled, error)) == 0)
    return FALSE;

  /* (c) The generated pack, built once. */
  start = g_get_monotonic_time ();
  if (!generate_sources (source_dir, generated_src, n_ids, error))
    return FALSE;
  generate_ms = elapsed_ms (start);

  start = g_get_monotonic_time ();
  if (!lia_guidance_pack_build (generated_src, generated_path, error))
    return FALSE;
  generated_build_ms = elapsed_ms (start);

  if (!(generated = lia_guidance_pack_open (generated_path, error)))
    return FALSE;
  if ((n_generated = count_cards (generated, error)) == 0)
    return FALSE;

  g_print ("\n  %-26s %6s %10s %12s\n", "pack", "cards", "size", "build (ms)");
  g_print ("  %-26s %6u %7.0f KiB %12.1f   median of %u (min %.1f, max %.1f)\n",
           "bundled", n_bundled, file_size (bundled_path) / 1024.0,
           quantile (builds, 0.5), builds->len,
           g_array_index (builds, double, 0), g_array_index (builds, double, builds->len - 1));
  g_print ("  %-26s %6u %7.1f MiB %12.1f   one build; writing its sources took %.0f ms\n",
           "generated", n_generated, file_size (generated_path) / (1024.0 * 1024.0),
           generated_build_ms, generate_ms);

  /* (b) and (c): search latency */
  ok = measure_search (bundled, queries, BUNDLED_ROUNDS, limit, &bundled_latency, error) &&
       measure_search (generated, queries, GENERATED_ROUNDS, limit, &generated_latency, error);

  if (ok)
    {
      g_autofree char *title = g_strdup_printf ("Search, generated pack (%u cards)", n_generated);

      print_latency ("Search, bundled pack", &bundled_latency, queries, TARGET_BUNDLED_MS);
      print_latency (title, &generated_latency, queries, TARGET_GENERATED_MS);
    }

  latency_clear (&bundled_latency);
  latency_clear (&generated_latency);

  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *work_dir = NULL;
  int n_ids = 3334;
  int limit = 20;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "ids", 'n', 0, G_OPTION_ARG_INT, &n_ids, "Card ids to generate, each in every language (default 3334)", "N" },
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit, "Results per search (default 20, as liaison-cli)", "N" },
    { NULL }
  };

  /* The slowest queries are printed as typed, Arabic included. */
  setlocale (LC_CTYPE, "");
  if (!g_get_charset (NULL))
    setlocale (LC_CTYPE, "C.UTF-8");

  context = g_option_context_new ("GUIDANCE-SOURCE-DIR");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || n_ids < 1 || limit < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Give the folder of the guidance sources (data/guidance).");
      return 2;
    }

  if (!(work_dir = g_dir_make_tmp ("liaison-bench-search-XXXXXX", &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  ok = run (argv[1], work_dir, (guint) n_ids, (guint) limit, &error);
  lia_test_remove_tree (work_dir);

  if (!ok)
    {
      g_printerr ("bench-search: %s\n", error->message);
      return 1;
    }

  return 0;
}
