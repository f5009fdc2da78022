/* sync-link-gen.c — realistic field records for the satellite-link benchmark
 *
 *   sync-link-gen create DATA_DIR COUNT OPERATION SEED DOCS.jsonl
 *       writes COUNT records into the field store in DATA_DIR, in one
 *       transaction: about 85 % actors (names, aliases, localized names,
 *       locations, focal points, IHL notes, goals, source) and 15 %
 *       relationships between them with their sourcing notes, each body
 *       1–5 KB of JSON.  Every record, as sync would carry it, goes to
 *       DOCS.jsonl as one JSON document per line, so that another system
 *       can replicate the very same documents.
 *   sync-link-gen edit DATA_DIR COUNT SEED [DOCS.jsonl]
 *       edits COUNT actors (new IHL notes), as a person in the field would,
 *       and writes the edited records to DOCS.jsonl if given.
 *
 * Everything is fictional and seeded: the same arguments give the same
 * text.  Core only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "liaison-core.h"

static const char * const given[] = {
  "Amira", "Bashir", "Chiara", "Dawit", "Elif", "Farid", "Gulnara", "Hamza", "Ines", "Jamal",
  "Kaveh", "Leyla", "Marek", "Nadia", "Omar", "Petra", "Qadir", "Rania", "Samir", "Tamar",
  "Umar", "Vera", "Walid", "Xenia", "Yusuf", "Zainab", "Aziz", "Berin", "Celal", "Dilan",
  "Emre", "Fatou", "Goran", "Hodan", "Idris", "Jovana", "Kemal", "Lina", "Musa", "Noor",
};
static const char * const family[] = {
  "Haddad", "Kovalenko", "Osei", "Rahimi", "Mbeki", "Sorensen", "Yilmaz", "Petrovic", "Nasser",
  "Abebe", "Karimov", "Lindqvist", "Mansour", "Okafor", "Qureshi", "Varga", "Zaher", "Demir",
  "Balogun", "Farah", "Ivanova", "Jaber", "Kamara", "Lopes", "Mwangi", "Novak", "Ortiz",
};
static const char * const places[] = {
  "Vasrin", "Tolmek", "Harun Valley", "Oskar Ridge", "Belgrav", "Kessin", "Marrow Ford",
  "Dunhollow", "Ilvesk", "Port Aderra", "Sarn Plateau", "Qebeli", "Torrin", "Ashkal",
  "Lower Mirnas", "Greyfield", "Nemra", "Zorat", "Kalvi Pass", "Elbrin", "Rusk Junction",
  "Tessaly North", "Ovan", "Hadrek", "Yelmas", "Corvin Bay", "Pelan", "Stavrik",
};
static const char * const units[] = {
  "Brigade", "Battalion", "Front", "Movement", "Council", "Militia", "Defence Committee",
  "Guard", "Union", "Association", "Directorate", "Coalition", "Forces", "Patrol Command",
};
static const char * const adjectives[] = {
  "Northern", "Free", "United", "Popular", "Revolutionary", "Democratic", "Patriotic", "Eastern",
  "National", "Independent", "Highland", "Coastal", "Republican", "Southern", "Tribal",
};
static const char * const subjects[] = {
  "The group", "Its commander", "The local council", "Their spokesperson", "The deputy commander",
  "A faction within the group", "The checkpoint staff", "Community elders", "The liaison officer",
  "Field staff", "The district administrator", "Women's committee members", "The youth wing",
};
static const char * const verbs[] = {
  "agreed to facilitate", "refused to guarantee", "asked for advance notice of", "delayed",
  "expressed concern about", "accepted in principle", "requested written assurances on",
  "negotiated the timing of", "reported interference with", "demanded a share of",
  "publicly endorsed", "threatened to suspend", "confirmed safe passage for", "questioned",
  "acknowledged responsibility for", "offered to escort", "restricted access to",
};
static const char * const objects[] = {
  "food distributions", "the mobile clinic", "water trucking", "the evacuation of wounded civilians",
  "access for assessment teams", "the cash programme", "school rehabilitation", "the vaccination campaign",
  "detention visits", "the return of displaced families", "road repairs", "the protection desk",
  "shelter kit deliveries", "the IHL dissemination session", "fuel deliveries to the hospital",
  "the exchange of mortal remains", "family tracing", "mine risk education", "seed distribution",
};
static const char * const circumstances[] = {
  "after the ceasefire talks stalled", "during the harvest season", "following the shelling of the market",
  "at the weekly coordination meeting", "when the convoy reached the checkpoint", "in a phone call",
  "before the elections", "despite pressure from the regional command", "as fighting moved south",
  "after a staff member was detained for several hours", "in front of community representatives",
  "on condition that no uniformed personnel travel with the teams", "two days after the floods",
};
static const char * const channels[] = { "phone", "satphone", "radio", "signal", "email", "in person" };
static const char * const roles[] = {
  "commander", "spokesperson", "logistics officer", "deputy", "legal adviser", "medical coordinator",
  "political officer", "checkpoint chief", "community liaison", "camp manager",
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

/* Names of people, villages and units that nobody has heard of yet: field
 * notes are full of them, and they are what keeps such text from
 * compressing much better than about 3:1. */
static void
append_name (GRand   *rand,
             GString *text)
{
  static const char * const syllables[] = {
    "ka", "ro", "mi", "tas", "el", "vor", "an", "qu", "dre", "sal", "ban", "ur", "hel", "zi", "mun",
    "gor", "ya", "lek", "dam", "ost", "ri", "ne", "bur", "tul", "ash", "ker", "vi", "lo", "man", "sef",
    "po", "den", "is", "ha", "kul", "mar", "et", "sho", "ben", "ti", "gas", "ol", "fer", "nu", "zar",
    "pe", "lan", "ku", "hed", "ro", "sim", "ta", "wen", "dol", "mo", "kar", "ib", "ven", "su", "ga",
  };
  guint n = g_rand_int_range (rand, 2, 4);

  for (guint k = 0; k < n; k++)
    {
      const char *syllable = PICK (rand, syllables);

      if (k == 0)
        g_string_append_c (text, g_ascii_toupper (syllable[0])), g_string_append (text, syllable + 1);
      else
        g_string_append (text, syllable);
    }
}

/* A remark quoted in the local language, transliterated. */
static void
append_quote (GRand   *rand,
              GString *text)
{
  guint n = g_rand_int_range (rand, 6, 20);

  g_string_append (text, " (in Korvanian: \u201c");
  for (guint k = 0; k < n; k++)
    {
      gsize start = text->len;

      if (k > 0)
        g_string_append_c (text, ' ');
      start = text->len;
      append_name (rand, text);
      text->str[start] = g_ascii_tolower (text->str[start]);
    }
  g_string_append (text, "\u201d)");
}

static void
append_sentence (GRand   *rand,
                 GString *text)
{
  if (text->len > 0)
    g_string_append_c (text, ' ');

  g_string_append_printf (text, "%s %s %s", PICK (rand, subjects), PICK (rand, verbs), PICK (rand, objects));

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      g_string_append (text, " in ");
      append_name (rand, text);
      g_string_append (text, " and ");
      append_name (rand, text);
      break;
    case 1:
      g_string_append (text, " at the ");
      append_name (rand, text);
      g_string_append_printf (text, " checkpoint (grid %02d%c %04d %04d)", g_rand_int_range (rand, 30, 39),
                              'A' + g_rand_int_range (rand, 0, 26), g_rand_int_range (rand, 0, 10000),
                              g_rand_int_range (rand, 0, 10000));
      break;
    case 2:
      g_string_append_printf (text, " %s", PICK (rand, circumstances));
      break;
    default:
      g_string_append_printf (text, " for %d households in ", g_rand_int_range (rand, 12, 4000));
      append_name (rand, text);
      break;
    }

  if (g_rand_int_range (rand, 0, 2) == 0)
    {
      g_string_append_printf (text, ", according to %s ", PICK (rand, given));
      append_name (rand, text);
      g_string_append_printf (text, " (%s)", PICK (rand, roles));
    }

  if (g_rand_int_range (rand, 0, 3) == 0)
    g_string_append_printf (text, " on %d %s at %02d:%02d", g_rand_int_range (rand, 1, 29),
                            (const char *[]) { "March", "April", "May", "June", "July", "August" }[g_rand_int_range (rand, 0, 6)],
                            g_rand_int_range (rand, 0, 24), g_rand_int_range (rand, 0, 60));

  if (g_rand_int_range (rand, 0, 4) == 0)
    g_string_append_printf (text, " (%d people affected, %d trucks, ref. %c%c-%05d)", g_rand_int_range (rand, 40, 9000),
                            g_rand_int_range (rand, 1, 40), 'A' + g_rand_int_range (rand, 0, 26),
                            'A' + g_rand_int_range (rand, 0, 26), g_rand_int_range (rand, 0, 100000));

  if (g_rand_int_range (rand, 0, 5) != 0)
    append_quote (rand, text);

  g_string_append_c (text, '.');
}

static char *
paragraphs (GRand *rand,
            gsize  target)
{
  GString *text = g_string_new (NULL);

  while (text->len < target)
    {
      append_sentence (rand, text);
      if (g_rand_int_range (rand, 0, 6) == 0 && text->len < target)
        g_string_append (text, "\n\n");
    }

  return g_string_free (text, FALSE);
}

static char *
person (GRand *rand)
{
  return g_strdup_printf ("%s %s", PICK (rand, given), PICK (rand, family));
}

static LiaActor *
make_actor (GRand      *rand,
            const char *operation,
            guint       i)
{
  g_autofree char *name = g_strdup_printf ("%s %s %s of %s", PICK (rand, adjectives), PICK (rand, places),
                                           PICK (rand, units), PICK (rand, places));
  LiaActor *actor = lia_actor_new (operation, name, g_rand_int_range (rand, 0, LIA_ACTOR_TYPE_OTHER + 1));
  /* Bodies of 1–5 KB: most of it is free text. */
  gsize text_size = g_rand_int_range (rand, 600, 4200);
  g_autofree char *notes = paragraphs (rand, text_size * 6 / 10);
  g_autofree char *goals = paragraphs (rand, text_size * 4 / 10);
  g_autofree char *alias1 = g_strdup_printf ("%c%c%c-%u", "ABCDEFGHKLMNPRSTUVZ"[g_rand_int_range (rand, 0, 19)],
                                             "ABCDEFGHKLMNPRSTUVZ"[g_rand_int_range (rand, 0, 19)],
                                             "ABCDEFGHKLMNPRSTUVZ"[g_rand_int_range (rand, 0, 19)], i % 97);
  g_autofree char *alias2 = g_strdup_printf ("%s's men", PICK (rand, family));
  const char *aliases[] = { alias1, alias2, NULL };
  g_autoptr(GDate) verified = g_date_new_dmy (g_rand_int_range (rand, 1, 29), g_rand_int_range (rand, 1, 13),
                                              2026);
  guint n_contacts = g_rand_int_range (rand, 0, 4);
  guint n_locations = g_rand_int_range (rand, 1, 4);

  lia_record_set_sensitivity (LIA_RECORD (actor), g_rand_int_range (rand, 0, 3));
  lia_actor_set_aliases (actor, aliases);
  if (g_rand_boolean (rand))
    {
      g_autofree char *fr = g_strdup_printf ("%s de %s", PICK (rand, units), PICK (rand, places));

      lia_actor_set_localized_name (actor, "fr", fr);
    }
  for (guint k = 0; k < n_locations; k++)
    lia_actor_add_location (actor, 10 + g_rand_double (rand) * 8, 30 + g_rand_double (rand) * 9,
                            PICK (rand, places));
  for (guint k = 0; k < n_contacts; k++)
    {
      g_autofree char *who = g_strdup_printf ("%s (%s)", person (rand), PICK (rand, roles));
      const char *channel = PICK (rand, channels);
      g_autofree char *value = g_strdup_printf ("+882 16 %04d %04d", g_rand_int_range (rand, 0, 10000),
                                                g_rand_int_range (rand, 0, 10000));

      lia_actor_add_contact (actor, who, channel, value);
    }
  lia_actor_set_posture (actor, g_rand_int_range (rand, 0, LIA_ACTOR_POSTURE_SUPPORTIVE + 1));
  lia_actor_set_engagement (actor, g_rand_int_range (rand, 0, LIA_ENGAGEMENT_REGULAR_DIALOGUE + 1));
  lia_actor_set_ihl_notes (actor, notes);
  lia_actor_set_goals (actor, goals);
  lia_actor_set_influence (actor, g_rand_int_range (rand, 0, LIA_ACTOR_INFLUENCE_MAX + 1));
  lia_actor_set_source (actor, "Field interviews, delegation reports");
  lia_actor_set_confidence (actor, g_rand_int_range (rand, 0, LIA_CONFIDENCE_HIGH + 1));
  lia_actor_set_last_verified (actor, verified);

  return actor;
}

static LiaRelationship *
make_relationship (GRand      *rand,
                   const char *operation,
                   GPtrArray  *actors)
{
  LiaRecord *a = g_ptr_array_index (actors, g_rand_int_range (rand, 0, actors->len));
  LiaRecord *b;
  LiaRelationship *relationship;
  g_autofree char *source = NULL;
  g_autoptr(GDate) start = g_date_new_dmy (g_rand_int_range (rand, 1, 29), g_rand_int_range (rand, 1, 13), 2025);

  do
    b = g_ptr_array_index (actors, g_rand_int_range (rand, 0, actors->len));
  while (b == a);

  relationship = lia_relationship_new (operation, lia_record_get_uuid (a), lia_record_get_uuid (b),
                                       g_rand_int_range (rand, 0, LIA_RELATIONSHIP_LIAISON_CHANNEL + 1));
  source = paragraphs (rand, g_rand_int_range (rand, 900, 2500));
  lia_record_set_sensitivity (LIA_RECORD (relationship), g_rand_int_range (rand, 0, 3));
  lia_relationship_set_weight (relationship, g_rand_int_range (rand, 1, 6) / 5.0);
  lia_relationship_set_start_date (relationship, start);
  lia_relationship_set_source (relationship, source);
  lia_relationship_set_confidence (relationship, g_rand_int_range (rand, 0, LIA_CONFIDENCE_HIGH + 1));

  return relationship;
}

static void
write_doc (FILE      *out,
           LiaRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = lia_record_serialize_body (record);
  g_autofree char *text = NULL;

  if (!json_parser_load_from_data (parser, body, -1, &error))
    g_error ("body is not JSON: %s", error->message);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "_id");
  json_builder_add_string_value (builder, lia_record_get_uuid (record));
  json_builder_set_member_name (builder, "record_type");
  json_builder_add_string_value (builder, lia_record_get_record_type (record));
  json_builder_set_member_name (builder, "operation");
  json_builder_add_string_value (builder, lia_record_get_operation (record));
  json_builder_set_member_name (builder, "sensitivity");
  json_builder_add_string_value (builder, lia_sensitivity_to_string (lia_record_get_sensitivity (record)));
  json_builder_set_member_name (builder, "body");
  json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  fprintf (out, "%s\n", text);
}

static int
create (const char *data_dir,
        guint       count,
        const char *operation,
        guint32     seed,
        const char *docs_path)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GPtrArray) actors = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint n_actors = MAX (2, count - count * 15 / 100);
  gsize total = 0;
  FILE *out;

  if (!(store = lia_store_open_in_dir (data_dir, NULL, &error)))
    g_error ("%s", error->message);
  if (!(out = fopen (docs_path, "w")))
    g_error ("cannot write %s", docs_path);

  if (!lia_store_begin (store, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(LiaRecord) record = NULL;
      g_autofree char *body = NULL;

      if (i < n_actors)
        record = LIA_RECORD (make_actor (rand, operation, i));
      else
        record = LIA_RECORD (make_relationship (rand, operation, actors));

      if (!lia_store_save (store, record, &error))
        g_error ("saving record %u: %s", i, error->message);

      body = lia_record_serialize_body (record);
      total += strlen (body);
      write_doc (out, record);

      if (i < n_actors)
        g_ptr_array_add (actors, g_object_ref (record));
    }

  if (!lia_store_commit (store, &error))
    g_error ("%s", error->message);
  if (fclose (out) != 0)
    g_error ("cannot write %s", docs_path);

  g_print ("%u records, %zu bytes of bodies (%.0f on average)\n", count, total, (double) total / count);
  return 0;
}

static int
edit (const char *data_dir,
      guint       count,
      guint32     seed,
      const char *docs_path)
{
  FILE *out = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(GError) error = NULL;

  if (!(store = lia_store_open_in_dir (data_dir, NULL, &error)) ||
      !(actors = lia_store_list (store, "actor", NULL, &error)))
    g_error ("%s", error->message);

  if (actors->len < count)
    g_error ("only %u actors to edit", actors->len);
  if (docs_path != NULL && !(out = fopen (docs_path, "w")))
    g_error ("cannot write %s", docs_path);

  if (!lia_store_begin (store, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < count; i++)
    {
      LiaActor *actor = g_ptr_array_index (actors, (i * 7919u) % actors->len);
      g_autofree char *notes = paragraphs (rand, g_rand_int_range (rand, 800, 2400));

      lia_actor_set_ihl_notes (actor, notes);
      if (!lia_store_save (store, LIA_RECORD (actor), &error))
        g_error ("%s", error->message);
      if (out != NULL)
        write_doc (out, LIA_RECORD (actor));
    }

  if (!lia_store_commit (store, &error))
    g_error ("%s", error->message);

  if (out != NULL && fclose (out) != 0)
    g_error ("cannot write %s", docs_path);

  g_print ("%u records edited\n", count);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 7 && g_str_equal (argv[1], "create"))
    return create (argv[2], atoi (argv[3]), argv[4], strtoul (argv[5], NULL, 10), argv[6]);
  if ((argc == 5 || argc == 6) && g_str_equal (argv[1], "edit"))
    return edit (argv[2], atoi (argv[3]), strtoul (argv[4], NULL, 10), argc == 6 ? argv[5] : NULL);

  g_printerr ("usage: %s create DATA_DIR COUNT OPERATION SEED DOCS.jsonl\n"
              "       %s edit DATA_DIR COUNT SEED [DOCS.jsonl]\n", argv[0], argv[0]);
  return 2;
}
