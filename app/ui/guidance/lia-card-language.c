/* lia-card-language.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lia-card-language.h"

/* A card's language is chosen apart from the interface's: an officer reads
 * the Arabic card to a counterpart in an English Liaison.  So the words a
 * card shows around its content follow the card, from this table, and not
 * the message catalogue. */
typedef struct
{
  const char *lang;
  const char *name;   /* in the language itself */
  GtkTextDirection direction;
  const char *labels[LIA_CARD_N_LABELS];
  const char *months[12];
} CardLanguage;

/* In the order of lia_guidance_languages */
static const CardLanguage card_languages[] = {
  {
    "en", "English", GTK_TEXT_DIR_LTR,
    {
      "In short",
      "Do",
      "Don’t",
      "When in doubt, ask",
      "Sources",
      "Last updated:",
      "Draft translation — not yet reviewed by a CMCoord practitioner",
      "Related cards",
    },
    {
      "January", "February", "March", "April", "May", "June",
      "July", "August", "September", "October", "November", "December",
    },
  },
  {
    "fr", "Français", GTK_TEXT_DIR_LTR,
    {
      "En bref",
      "À faire",
      "À éviter",
      "En cas de doute, demandez",
      "Sources",
      "Dernière mise à jour :",
      "Traduction provisoire — pas encore relue par un praticien de la CMCoord",
      "Fiches liées",
    },
    {
      "janvier", "février", "mars", "avril", "mai", "juin",
      "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    },
  },
  {
    "ar", "العربية", GTK_TEXT_DIR_RTL,
    {
      "باختصار",
      "افعل",
      "لا تفعل",
      "عند الشك، اسأل",
      "المصادر",
      "آخر تحديث:",
      "ترجمة مسودة — لم يراجعها بعد ممارس في التنسيق المدني العسكري",
      "بطاقات ذات صلة",
    },
    {
      "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
      "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
    },
  },
};

/* The categories of manifest.ini, from the principles to the practice, in
 * en, fr and ar */
static const struct {
  const char *category;
  const char *names[G_N_ELEMENTS (card_languages)];
} categories[] = {
  { "principles",      { "Principles", "Principes", "المبادئ" } },
  { "military-assets", { "Military assets", "Moyens militaires", "الأصول العسكرية" } },
  { "security",        { "Security", "Sécurité", "الأمن" } },
  { "notification",    { "Notification", "Notification", "الإخطار" } },
  { "engagement",      { "Engagement", "Dialogue", "التواصل" } },
  { "practice",        { "Practice", "Pratique", "الممارسة" } },
};

/**
 * lia_card_language_get_position:
 *
 * Returns: the place of @lang in lia_guidance_languages, which is the
 *   order of every language menu; English for an unknown language
 */
guint
lia_card_language_get_position (const char *lang)
{
  for (guint i = 0; i < G_N_ELEMENTS (card_languages); i++)
    {
      if (g_strcmp0 (lang, card_languages[i].lang) == 0)
        return i;
    }

  return 0;
}

/* Returns: (nullable): the language at @position in every language menu */
const char *
lia_card_language_from_position (guint position)
{
  return position < G_N_ELEMENTS (card_languages) ? card_languages[position].lang : NULL;
}

static const CardLanguage *
lookup (const char *lang)
{
  return &card_languages[lia_card_language_get_position (lang)];
}

const char *
lia_card_language_get_name (const char *lang)
{
  return lookup (lang)->name;
}

GtkTextDirection
lia_card_language_get_direction (const char *lang)
{
  return lookup (lang)->direction;
}

const char *
lia_card_language_get_label (const char   *lang,
                             LiaCardLabel  label)
{
  g_return_val_if_fail (label < LIA_CARD_N_LABELS, NULL);

  return lookup (lang)->labels[label];
}

/* Returns: the name of @category in @lang, or @category itself if a newer
 * pack brings a category this table does not know */
const char *
lia_card_language_get_category_name (const char *lang,
                                     const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      if (g_strcmp0 (category, categories[i].category) == 0)
        return categories[i].names[lia_card_language_get_position (lang)];
    }

  return category;
}

/* Returns: the place of @category in the order the list shows them, after
 * every known one if it is not known */
guint
lia_card_language_get_category_position (const char *category)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      if (g_strcmp0 (category, categories[i].category) == 0)
        break;
    }

  return i;
}

/**
 * lia_card_language_format_date:
 * @iso_date: YYYY-MM-DD
 *
 * Returns: (transfer full): the date as written in @lang, for example
 *   “29 November 2026”, or @iso_date as it is if it is not a date
 */
char *
lia_card_language_format_date (const char *lang,
                               const char *iso_date)
{
  g_autofree char *iso = g_strconcat (iso_date, "T00:00:00Z", NULL);
  g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (iso, NULL);

  if (date == NULL)
    return g_strdup (iso_date);

  return g_strdup_printf ("%d %s %d",
                          g_date_time_get_day_of_month (date),
                          lookup (lang)->months[g_date_time_get_month (date) - 1],
                          g_date_time_get_year (date));
}

/**
 * lia_card_language_get_default:
 *
 * Returns: the language cards open in: the guidance-language setting, or
 *   the interface's language when that is a card language, or English
 */
const char *
lia_card_language_get_default (GSettings *settings)
{
  g_autofree char *setting = g_settings_get_string (settings, "guidance-language");
  const char * const *names;

  if (setting[0] != '\0')
    return lookup (setting)->lang;

  /* Walk the list as gettext does: a language without a Liaison catalogue
   * gives way to the next one, and C means the untranslated English. */
  names = g_get_language_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *code = g_strndup (names[i], strcspn (names[i], "_.@"));

      if (g_str_equal (code, "C") || g_str_equal (code, "POSIX"))
        break;

      for (guint j = 0; j < G_N_ELEMENTS (card_languages); j++)
        {
          if (g_str_equal (code, card_languages[j].lang))
            return card_languages[j].lang;
        }
    }

  return card_languages[0].lang;
}

static void
apply_direction (GtkWidget        *widget,
                 GtkTextDirection  direction)
{
  gtk_widget_set_direction (widget, direction);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    apply_direction (child, direction);
}

/**
 * lia_card_language_apply:
 *
 * Lays out @widget and everything in it in the direction of @lang, which
 * may differ from the interface's (GTK does not pass a widget's direction
 * on to its children), and in a face that suits the script: the arabic
 * style class, which the children inherit.
 */
void
lia_card_language_apply (GtkWidget  *widget,
                         const char *lang)
{
  GtkTextDirection direction = lia_card_language_get_direction (lang);

  if (direction == GTK_TEXT_DIR_RTL)
    gtk_widget_add_css_class (widget, "arabic");
  else
    gtk_widget_remove_css_class (widget, "arabic");

  apply_direction (widget, direction);
}
