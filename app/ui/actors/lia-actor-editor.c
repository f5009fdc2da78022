/* lia-actor-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <time.h>

#include <glib/gi18n.h>

#include "lia-actor-editor.h"
#include "lia-actors-ui.h"
#include "lia-sensitivity-badge.h"
#include "lia-sensitivity-row.h"

/* The form works on a draft: a copy of the stored actor that the contact
 * buttons change at once and the entries change when the draft is turned
 * into the actor to save.  Every change validates the whole actor with
 * lia_actor_validate() and shows what is wrong under the fields it is
 * about; Save stays off until nothing is.  Every write goes through the
 * page's LiaRecordHistory, so that it can be undone. */
struct _LiaActorEditor
{
  AdwBin            parent_instance;

  LiaRecordHistory *history;
  char             *operation;

  LiaActor         *draft;          /* NULL: nothing to edit */
  gboolean          is_new;
  gboolean          dirty;
  gboolean          filling;        /* the form is being filled, not edited */

  /* Positions in the parent and target combo rows; a NULL uuid is "none" */
  GPtrArray        *parent_uuids;
  GPtrArray        *target_uuids;

  /* Template widgets */
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkLabel         *sensitivity_banner;
  GtkScrolledWindow *scroller;
  AdwEntryRow      *name_row;
  AdwEntryRow      *aliases_row;
  AdwEntryRow      *name_en_row;
  AdwEntryRow      *name_fr_row;
  AdwEntryRow      *name_ar_row;
  GtkLabel         *names_error_label;
  AdwComboRow      *type_row;
  AdwComboRow      *parent_row;
  AdwEntryRow      *lat_row;
  AdwEntryRow      *lon_row;
  AdwEntryRow      *place_row;
  AdwActionRow     *areas_row;
  GtkLabel         *location_error_label;
  AdwComboRow      *posture_row;
  AdwComboRow      *engagement_row;
  GtkSpinButton    *influence_spin;
  GtkTextView      *goals_view;
  GtkTextView      *ihl_view;
  AdwEntryRow      *source_row;
  AdwComboRow      *confidence_row;
  AdwEntryRow      *verified_row;
  LiaSensitivityRow *sensitivity_row;
  GtkLabel         *assessment_error_label;
  GtkLabel         *error_label;
  GtkWidget        *save_button;
  GtkWidget        *delete_button;
  GtkWidget        *contacts_group;
  GtkListBox       *contacts_list;
  GtkWidget        *new_contact_group;
  AdwEntryRow      *contact_name_row;
  AdwEntryRow      *contact_channel_row;
  AdwEntryRow      *contact_value_row;
  LiaSensitivityRow *contact_sensitivity_row;
  GtkWidget        *add_contact_button;
  GtkWidget        *relationships_group;
  GtkListBox       *relationships_list;
  GtkWidget        *new_relationship_group;
  AdwComboRow      *rel_type_row;
  AdwComboRow      *rel_target_row;
  AdwComboRow      *rel_direction_row;
  GtkSpinButton    *rel_weight_spin;
  AdwEntryRow      *rel_start_row;
  AdwEntryRow      *rel_end_row;
  AdwEntryRow      *rel_source_row;
  AdwComboRow      *rel_confidence_row;
  LiaSensitivityRow *rel_sensitivity_row;
  GtkLabel         *relationship_error_label;
  GtkWidget        *add_relationship_button;
};

G_DEFINE_FINAL_TYPE (LiaActorEditor, lia_actor_editor, ADW_TYPE_BIN)

/* Positions in the direction combo row */
enum {
  DIRECTION_FROM_THIS,
  DIRECTION_TO_THIS,
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- reading the form ------------------------------------------------------ */

static char *
get_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static char *
get_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
set_view_text (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
mark_row (gpointer row,
          gboolean wrong)
{
  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* A decimal number, with a point or a comma; FALSE if @text is not one */
static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autofree char *copy = g_strdelimit (g_strdup (text), ",", '.');
  char *end = NULL;

  *value = g_ascii_strtod (copy, &end);

  return *copy != '\0' && end != NULL && *end == '\0';
}

/* An empty entry is no date; FALSE if @row holds something else than one */
static gboolean
parse_date_row (AdwEntryRow *row,
                GDate       *date)
{
  g_autofree char *text = get_text (row);

  g_date_clear (date, 1);
  if (*text == '\0')
    return TRUE;

  return lia_date_parse_iso (text, date);
}

static const char *
date_format_message (void)
{
  return _("Write the date as year-month-day, for example 2024-03-01.");
}

static void
set_date_row (AdwEntryRow *row,
              const GDate *date)
{
  g_autofree char *text = NULL;

  if (date != NULL && g_date_valid (date))
    text = lia_date_format_iso (date);
  set_text (row, text);
}

static const char *
combo_uuid (AdwComboRow *row,
            GPtrArray   *uuids)
{
  guint position = adw_combo_row_get_selected (row);

  return position < uuids->len ? g_ptr_array_index (uuids, position) : NULL;
}

/* The location the form shows, or none; the message says what is wrong */
static gboolean
read_location (LiaActorEditor  *self,
               gboolean        *has_location,
               double          *lat,
               double          *lon,
               char           **message)
{
  g_autofree char *lat_text = get_text (self->lat_row);
  g_autofree char *lon_text = get_text (self->lon_row);
  gboolean lat_ok;
  gboolean lon_ok;

  *has_location = FALSE;
  mark_row (self->lat_row, FALSE);
  mark_row (self->lon_row, FALSE);

  if (*lat_text == '\0' && *lon_text == '\0')
    return TRUE;

  lat_ok = parse_number (lat_text, lat);
  lon_ok = parse_number (lon_text, lon);
  mark_row (self->lat_row, !lat_ok);
  mark_row (self->lon_row, !lon_ok);
  if (!lat_ok || !lon_ok)
    {
      *message = g_strdup (_("Give both latitude and longitude in decimal degrees, such as 12.45 and 30.10, or neither."));
      return FALSE;
    }

  *has_location = TRUE;

  /* The ranges as the core checks them, with its words */
  {
    g_autoptr(LiaActor) probe = lia_actor_new ("-", "-", LIA_ACTOR_TYPE_OTHER);
    g_autoptr(GError) error = NULL;

    lia_actor_add_location (probe, *lat, *lon, NULL);
    if (!lia_actor_validate (probe, &error))
      {
        mark_row (self->lat_row, !(*lat >= -90 && *lat <= 90));
        mark_row (self->lon_row, !(*lon >= -180 && *lon <= 180));
        *message = g_strdup (error->message);
        return FALSE;
      }
  }

  return TRUE;
}

static void
split_aliases (const char *text,
               GStrvBuilder *builder)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *copy = g_strdup (text);

  /* The Arabic comma separates as the Latin one does */
  parts = g_strsplit_set (copy, ",;", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) arabic = g_strsplit (parts[i], "،", -1);

      for (guint j = 0; arabic[j] != NULL; j++)
        {
          g_strstrip (arabic[j]);
          if (*arabic[j] != '\0')
            g_strv_builder_add (builder, arabic[j]);
        }
    }
}

static gboolean
is_future (const GDate *date)
{
  g_autoptr(GDate) today = g_date_new ();

  g_date_set_time_t (today, time (NULL));

  return g_date_compare (date, today) > 0;
}

/* Returns: (transfer full) (nullable): the actor the form describes, or
 * %NULL with the labels saying what is wrong */
static LiaActor *
build_actor (LiaActorEditor *self)
{
  g_autoptr(LiaActor) actor = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) aliases = g_strv_builder_new ();
  g_auto(GStrv) alias_list = NULL;
  g_autofree char *name = get_text (self->name_row);
  g_autofree char *aliases_text = get_text (self->aliases_row);
  g_autofree char *en = get_text (self->name_en_row);
  g_autofree char *fr = get_text (self->name_fr_row);
  g_autofree char *ar = get_text (self->name_ar_row);
  g_autofree char *place = get_text (self->place_row);
  g_autofree char *goals = get_view_text (self->goals_view);
  g_autofree char *ihl = get_view_text (self->ihl_view);
  g_autofree char *source = get_text (self->source_row);
  g_autofree char *location_message = NULL;
  const char *assessment_message = NULL;
  gboolean has_location;
  gboolean valid = TRUE;
  double lat = 0;
  double lon = 0;
  GDate verified;

  show_error (self->names_error_label, NULL);
  show_error (self->location_error_label, NULL);
  show_error (self->assessment_error_label, NULL);
  show_error (self->error_label, NULL);
  mark_row (self->name_row, FALSE);
  mark_row (self->verified_row, FALSE);

  if (self->draft == NULL)
    return NULL;

  actor = LIA_ACTOR (lia_record_dup (LIA_RECORD (self->draft)));
  lia_actor_set_name (actor, name);
  split_aliases (aliases_text, aliases);
  alias_list = g_strv_builder_end (aliases);
  lia_actor_set_aliases (actor, (const char * const *) alias_list);
  lia_actor_set_localized_name (actor, "en", en);
  lia_actor_set_localized_name (actor, "fr", fr);
  lia_actor_set_localized_name (actor, "ar", ar);
  lia_actor_set_actor_type (actor, adw_combo_row_get_selected (self->type_row));
  lia_actor_set_parent_uuid (actor, combo_uuid (self->parent_row, self->parent_uuids));

  /* The form edits the first location; any others stay as they are */
  if (!read_location (self, &has_location, &lat, &lon, &location_message))
    valid = FALSE;
  else
    {
      g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (LiaActorLocation));

      for (guint i = 1; i < lia_actor_get_n_locations (self->draft); i++)
        g_array_append_vals (others, lia_actor_get_location (self->draft, i), 1);

      lia_actor_clear_locations (actor);
      if (has_location)
        lia_actor_add_location (actor, lat, lon, *place != '\0' ? place : NULL);
      for (guint i = 0; i < others->len; i++)
        {
          const LiaActorLocation *other = &g_array_index (others, LiaActorLocation, i);

          lia_actor_add_location (actor, other->lat, other->lon, other->place);
        }
    }

  lia_actor_set_posture (actor, adw_combo_row_get_selected (self->posture_row));
  lia_actor_set_engagement (actor, adw_combo_row_get_selected (self->engagement_row));
  lia_actor_set_influence (actor, gtk_spin_button_get_value_as_int (self->influence_spin));
  lia_actor_set_goals (actor, *goals != '\0' ? goals : NULL);
  lia_actor_set_ihl_notes (actor, *ihl != '\0' ? ihl : NULL);
  lia_actor_set_source (actor, *source != '\0' ? source : NULL);
  lia_actor_set_confidence (actor, adw_combo_row_get_selected (self->confidence_row));
  if (!parse_date_row (self->verified_row, &verified))
    {
      mark_row (self->verified_row, TRUE);
      assessment_message = date_format_message ();
      valid = FALSE;
    }
  else
    lia_actor_set_last_verified (actor, &verified);
  lia_record_set_sensitivity (LIA_RECORD (actor), lia_sensitivity_row_get_sensitivity (self->sensitivity_row));

  if (location_message != NULL)
    show_error (self->location_error_label, location_message);
  if (assessment_message != NULL)
    show_error (self->assessment_error_label, assessment_message);

  if (valid && !lia_actor_validate (actor, &error))
    {
      /* Next to the fields it is about, as far as they can be told */
      if (*name == '\0')
        {
          mark_row (self->name_row, TRUE);
          show_error (self->names_error_label, error->message);
        }
      else if (g_date_valid (&verified) && is_future (&verified))
        {
          mark_row (self->verified_row, TRUE);
          show_error (self->assessment_error_label, error->message);
        }
      else
        show_error (self->error_label, error->message);
      valid = FALSE;
    }

  return valid ? g_steal_pointer (&actor) : NULL;
}

static void
update_save_button (LiaActorEditor *self)
{
  g_autoptr(LiaActor) actor = build_actor (self);

  /* A new form says nothing is wrong before anything was typed */
  if (self->is_new && !self->dirty)
    {
      show_error (self->names_error_label, NULL);
      mark_row (self->name_row, FALSE);
    }

  gtk_widget_set_sensitive (self->save_button,
                            actor != NULL && (self->dirty || self->is_new) && self->history != NULL);
}

static void
form_changed_cb (LiaActorEditor *self)
{
  if (self->filling)
    return;

  self->dirty = TRUE;
  update_save_button (self);
}

/* ---- filling the form ---------------------------------------------------------- */

static void
update_header (LiaActorEditor *self)
{
  LiaSensitivity sensitivity;

  if (self->draft == NULL)
    return;

  if (self->is_new && *lia_actor_get_name (self->draft) == '\0')
    gtk_label_set_label (self->title_label, _("New Actor"));
  else
    gtk_label_set_label (self->title_label, lia_actors_ui_display_name (self->draft));
  gtk_label_set_label (self->subtitle_label,
                       lia_actor_type_get_label (lia_actor_get_actor_type (self->draft)));

  sensitivity = lia_record_get_sensitivity (LIA_RECORD (self->draft));
  gtk_widget_set_visible (GTK_WIDGET (self->sensitivity_banner), sensitivity >= LIA_SENSITIVITY_CONFIDENTIAL);
  if (sensitivity >= LIA_SENSITIVITY_CONFIDENTIAL)
    {
      /* Translators: %s is a sensitivity level, such as “Confidential” */
      g_autofree char *text = g_strdup_printf (_("%s: share with care, and never with the parties to the conflict."),
                                               lia_sensitivity_get_label (sensitivity));

      gtk_label_set_label (self->sensitivity_banner, text);
    }
}

static GPtrArray *
list_actors (LiaActorEditor *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *actors;

  actors = lia_store_list (lia_record_history_get_store (self->history), "actor", self->operation, &error);
  if (actors == NULL)
    {
      g_warning ("Could not list actors: %s", error->message);
      return g_ptr_array_new ();
    }

  return actors;
}

static int
compare_display_names (gconstpointer a,
                       gconstpointer b)
{
  LiaActor *actor_a = *(LiaActor **) a;
  LiaActor *actor_b = *(LiaActor **) b;

  return g_utf8_collate (lia_actors_ui_display_name (actor_a), lia_actors_ui_display_name (actor_b));
}

/* The other actors, for "part of" and relationship targets, keeping what
 * each combo row had chosen */
static void
fill_actor_choices (LiaActorEditor *self)
{
  g_autoptr(GPtrArray) actors = list_actors (self);
  g_autoptr(GtkStringList) parents = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) targets = gtk_string_list_new (NULL);
  g_autofree char *parent = g_strdup (lia_actor_get_parent_uuid (self->draft));
  g_autofree char *target = g_strdup (combo_uuid (self->rel_target_row, self->target_uuids));
  const char *uuid = lia_record_get_uuid (LIA_RECORD (self->draft));
  guint parent_position = 0;
  guint target_position = 0;
  gboolean filling = self->filling;

  self->filling = TRUE;

  g_ptr_array_sort (actors, compare_display_names);
  g_ptr_array_set_size (self->parent_uuids, 0);
  g_ptr_array_set_size (self->target_uuids, 0);

  /* Translators: an actor is part of no other actor */
  gtk_string_list_append (parents, C_("parent actor", "None"));
  g_ptr_array_add (self->parent_uuids, NULL);

  for (guint i = 0; i < actors->len; i++)
    {
      LiaActor *actor = g_ptr_array_index (actors, i);
      const char *other = lia_record_get_uuid (LIA_RECORD (actor));

      if (g_str_equal (other, uuid))
        continue;

      if (g_strcmp0 (other, parent) == 0)
        parent_position = self->parent_uuids->len;
      gtk_string_list_append (parents, lia_actors_ui_display_name (actor));
      g_ptr_array_add (self->parent_uuids, g_strdup (other));

      if (g_strcmp0 (other, target) == 0)
        target_position = self->target_uuids->len;
      gtk_string_list_append (targets, lia_actors_ui_display_name (actor));
      g_ptr_array_add (self->target_uuids, g_strdup (other));
    }

  adw_combo_row_set_model (self->parent_row, G_LIST_MODEL (parents));
  adw_combo_row_set_selected (self->parent_row, parent_position);
  adw_combo_row_set_model (self->rel_target_row, G_LIST_MODEL (targets));
  adw_combo_row_set_selected (self->rel_target_row,
                              self->target_uuids->len > 0 ? target_position : GTK_INVALID_LIST_POSITION);

  self->filling = filling;
}

static void remove_contact_clicked_cb (GtkButton *button, LiaActorEditor *self);
static void remove_relationship_clicked_cb (GtkButton *button, LiaActorEditor *self);

static GtkWidget *
make_remove_button (const char *accessible_label)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, accessible_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  return button;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
fill_contacts (LiaActorEditor *self)
{
  guint n = lia_actor_get_n_contacts (self->draft);

  clear_list (self->contacts_list);
  gtk_widget_set_visible (GTK_WIDGET (self->contacts_list), n > 0);

  for (guint i = 0; i < n; i++)
    {
      const LiaActorContact *contact = lia_actor_get_contact (self->draft, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = make_remove_button (_("Remove Contact"));
      GtkWidget *badge = lia_sensitivity_badge_new (contact->sensitivity);
      /* Translators: how to reach a contact: the channel, then the number or address */
      g_autofree char *subtitle = g_strdup_printf (_("%s: %s"),
                                                   contact->channel != NULL ? contact->channel : "",
                                                   contact->value != NULL ? contact->value : "");

      /* What people typed is text, never markup */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     contact->name != NULL ? contact->name : _("Contact"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      g_object_set_data (G_OBJECT (button), "position", GUINT_TO_POINTER (i));
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_contact_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->contacts_list, row);
    }
}

static char *
describe_relationship (LiaActorEditor  *self,
                       LiaRelationship *relationship,
                       GHashTable      *names,
                       char           **subtitle)
{
  const char *uuid = lia_record_get_uuid (LIA_RECORD (self->draft));
  const char *source = lia_relationship_get_source_uuid (relationship);
  const char *target = lia_relationship_get_target_uuid (relationship);
  gboolean outgoing = g_strcmp0 (source, uuid) == 0;
  const char *other = g_hash_table_lookup (names, outgoing ? target : source);
  const char *type = lia_relationship_type_get_label (lia_relationship_get_relationship_type (relationship));
  const GDate *start = lia_relationship_get_start_date (relationship);
  const GDate *end = lia_relationship_get_end_date (relationship);
  g_autofree char *start_text = start != NULL && g_date_valid (start) ? lia_date_format_iso (start) : NULL;
  g_autofree char *end_text = end != NULL && g_date_valid (end) ? lia_date_format_iso (end) : NULL;
  g_autofree char *when = NULL;
  char *title;

  if (other == NULL)
    other = _("an actor not on this map");

  if (outgoing)
    /* Translators: a relationship from this actor, such as “Commands 4th Brigade” */
    title = g_strdup_printf (_("%s %s"), type, other);
  else
    /* Translators: a relationship to this actor, such as “Ministry of Defence: Commands” */
    title = g_strdup_printf (_("%s: %s"), other, type);

  if (start_text != NULL && end_text != NULL)
    /* Translators: two dates */
    when = g_strdup_printf (_("from %s until %s"), start_text, end_text);
  else if (start_text != NULL)
    when = g_strdup_printf (_("since %s"), start_text);
  else if (end_text != NULL)
    when = g_strdup_printf (_("until %s"), end_text);

  /* Translators: a relationship's strength from 0 to 1, then when it held */
  *subtitle = g_strdup_printf (_("Strength %.1f%s%s"),
                               lia_relationship_get_weight (relationship),
                               when != NULL ? " · " : "", when != NULL ? when : "");

  return title;
}

static void
fill_relationships (LiaActorEditor *self)
{
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  const char *uuid = lia_record_get_uuid (LIA_RECORD (self->draft));
  guint n = 0;

  clear_list (self->relationships_list);

  /* A new actor has none, and none can be added before it is saved */
  gtk_widget_set_visible (self->relationships_group, !self->is_new);
  gtk_widget_set_visible (self->new_relationship_group, !self->is_new);
  gtk_widget_set_visible (self->add_relationship_button, !self->is_new);
  if (self->is_new)
    return;

  actors = list_actors (self);
  for (guint i = 0; i < actors->len; i++)
    {
      LiaActor *actor = g_ptr_array_index (actors, i);

      g_hash_table_insert (names, (gpointer) lia_record_get_uuid (LIA_RECORD (actor)),
                           (gpointer) lia_actors_ui_display_name (actor));
    }

  relationships = lia_store_list (lia_record_history_get_store (self->history), "relationship",
                                  self->operation, &error);
  if (relationships == NULL)
    {
      g_warning ("Could not list relationships: %s", error->message);
      return;
    }

  for (guint i = 0; i < relationships->len; i++)
    {
      LiaRelationship *relationship = g_ptr_array_index (relationships, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;
      GtkWidget *button;
      GtkWidget *badge;

      if (g_strcmp0 (lia_relationship_get_source_uuid (relationship), uuid) != 0 &&
          g_strcmp0 (lia_relationship_get_target_uuid (relationship), uuid) != 0)
        continue;

      title = describe_relationship (self, relationship, names, &subtitle);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      badge = lia_sensitivity_badge_new (lia_record_get_sensitivity (LIA_RECORD (relationship)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      button = make_remove_button (_("Remove Relationship"));
      g_object_set_data_full (G_OBJECT (button), "relationship",
                              g_object_ref (relationship), g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_relationship_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->relationships_list, row);
      n++;
    }

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No relationships yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->relationships_list, row);
    }
}

static void relationship_form_changed_cb (LiaActorEditor *self);

static void
fill_form (LiaActorEditor *self)
{
  const LiaActorLocation *location = NULL;
  g_autofree char *aliases = NULL;
  g_autofree char *lat = NULL;
  g_autofree char *lon = NULL;
  g_autofree char *areas = NULL;
  guint n_areas;

  self->filling = TRUE;

  set_text (self->name_row, lia_actor_get_name (self->draft));
  aliases = lia_actor_get_aliases (self->draft) != NULL
            ? g_strjoinv (", ", (char **) lia_actor_get_aliases (self->draft)) : NULL;
  set_text (self->aliases_row, aliases);
  set_text (self->name_en_row, lia_actor_get_localized_name (self->draft, "en"));
  set_text (self->name_fr_row, lia_actor_get_localized_name (self->draft, "fr"));
  set_text (self->name_ar_row, lia_actor_get_localized_name (self->draft, "ar"));
  adw_combo_row_set_selected (self->type_row, lia_actor_get_actor_type (self->draft));

  if (lia_actor_get_n_locations (self->draft) > 0)
    location = lia_actor_get_location (self->draft, 0);
  if (location != NULL)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      lat = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", location->lat));
      lon = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", location->lon));
    }
  set_text (self->lat_row, lat);
  set_text (self->lon_row, lon);
  set_text (self->place_row, location != NULL ? location->place : NULL);

  n_areas = lia_actor_get_n_areas (self->draft);
  areas = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u area, drawn on the map", "%u areas, drawn on the map", n_areas),
                           n_areas);
  adw_action_row_set_subtitle (self->areas_row, areas);

  adw_combo_row_set_selected (self->posture_row, lia_actor_get_posture (self->draft));
  adw_combo_row_set_selected (self->engagement_row, lia_actor_get_engagement (self->draft));
  gtk_spin_button_set_value (self->influence_spin, lia_actor_get_influence (self->draft));
  set_view_text (self->goals_view, lia_actor_get_goals (self->draft));
  set_view_text (self->ihl_view, lia_actor_get_ihl_notes (self->draft));
  set_text (self->source_row, lia_actor_get_source (self->draft));
  adw_combo_row_set_selected (self->confidence_row, lia_actor_get_confidence (self->draft));
  set_date_row (self->verified_row, lia_actor_get_last_verified (self->draft));
  lia_sensitivity_row_set_sensitivity (self->sensitivity_row, lia_record_get_sensitivity (LIA_RECORD (self->draft)));

  fill_actor_choices (self);
  fill_contacts (self);
  fill_relationships (self);
  update_header (self);

  gtk_widget_set_sensitive (self->delete_button, !self->is_new);
  self->dirty = FALSE;
  self->filling = FALSE;

  update_save_button (self);
  relationship_form_changed_cb (self);
}

static void
set_draft (LiaActorEditor *self,
           LiaActor       *draft,
           gboolean        is_new)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  g_set_object (&self->draft, draft);
  self->is_new = is_new;

  /* An entry that turns insensitive with the focus would keep blinking:
   * let go of the focus first */
  if (draft == NULL && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    gtk_root_set_focus (root, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self), draft != NULL);

  if (draft != NULL)
    fill_form (self);
}

/* ---- saving ----------------------------------------------------------------- */

static gboolean
write_record (LiaActorEditor *self,
              LiaRecord      *record,
              gboolean        delete,
              GtkLabel       *error_label)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = delete ? lia_record_history_delete (self->history, &record, 1, &error)
              : lia_record_history_save (self->history, &record, 1, &error);
  if (!ok)
    show_error (error_label, error->message);

  return ok;
}

static void
save_clicked_cb (LiaActorEditor *self)
{
  g_autoptr(LiaActor) actor = build_actor (self);
  gboolean was_new = self->is_new;

  if (actor == NULL || self->history == NULL)
    return;

  if (!write_record (self, LIA_RECORD (actor), FALSE, self->error_label))
    return;

  /* The store's "changed" refreshed the page already; the saved actor,
   * with its new revision, is what the form edits from now on */
  set_draft (self, actor, FALSE);
  g_signal_emit (self, signals[SAVED], 0,
                 was_new ? _("Actor added") : _("Actor saved"));
}

static void
contact_form_changed_cb (LiaActorEditor *self)
{
  g_autofree char *value = get_text (self->contact_value_row);
  g_autofree char *name = get_text (self->contact_name_row);

  gtk_widget_set_sensitive (self->add_contact_button,
                            self->draft != NULL && *value != '\0' && *name != '\0');
}

/* Contacts change the draft; Save writes them with the rest */
static void
add_contact_clicked_cb (LiaActorEditor *self)
{
  g_autofree char *name = get_text (self->contact_name_row);
  g_autofree char *channel = get_text (self->contact_channel_row);
  g_autofree char *value = get_text (self->contact_value_row);
  LiaSensitivity sensitivity = lia_sensitivity_row_get_sensitivity (self->contact_sensitivity_row);
  LiaSensitivity actor_sensitivity;

  if (self->draft == NULL || *value == '\0' || *name == '\0')
    return;

  lia_actor_add_contact (self->draft, name, *channel != '\0' ? channel : NULL, value);
  lia_actor_set_contact_sensitivity (self->draft, lia_actor_get_n_contacts (self->draft) - 1, sensitivity);

  /* An actor is at least as sensitive as its contacts, as the core makes it */
  actor_sensitivity = lia_record_get_sensitivity (LIA_RECORD (self->draft));
  if (lia_sensitivity_row_get_sensitivity (self->sensitivity_row) < actor_sensitivity)
    lia_sensitivity_row_set_sensitivity (self->sensitivity_row, actor_sensitivity);

  set_text (self->contact_name_row, NULL);
  set_text (self->contact_channel_row, NULL);
  set_text (self->contact_value_row, NULL);
  lia_sensitivity_row_set_sensitivity (self->contact_sensitivity_row, LIA_SENSITIVITY_CONFIDENTIAL);
  fill_contacts (self);
  form_changed_cb (self);
}

static void
remove_contact_clicked_cb (GtkButton      *button,
                           LiaActorEditor *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position"));

  if (self->draft == NULL || position >= lia_actor_get_n_contacts (self->draft))
    return;

  lia_actor_remove_contact (self->draft, position);
  fill_contacts (self);
  form_changed_cb (self);
}

/* Returns: (transfer full) (nullable): the relationship the form
 * describes, or %NULL with the label saying what is wrong */
static LiaRelationship *
build_relationship (LiaActorEditor *self)
{
  g_autoptr(LiaRelationship) relationship = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = get_text (self->rel_source_row);
  const char *target = combo_uuid (self->rel_target_row, self->target_uuids);
  GDate start;
  GDate end;
  gboolean dates_ok;

  show_error (self->relationship_error_label, NULL);
  mark_row (self->rel_start_row, FALSE);
  mark_row (self->rel_end_row, FALSE);

  if (self->draft == NULL || self->is_new || self->history == NULL)
    return NULL;

  if (target == NULL)
    {
      show_error (self->relationship_error_label, _("Choose the actor at the other end."));
      return NULL;
    }

  /* Who commands or supports this actor is entered from this actor too */
  if (adw_combo_row_get_selected (self->rel_direction_row) == DIRECTION_TO_THIS)
    relationship = lia_relationship_new (self->operation, target,
                                         lia_record_get_uuid (LIA_RECORD (self->draft)),
                                         adw_combo_row_get_selected (self->rel_type_row));
  else
    relationship = lia_relationship_new (self->operation,
                                         lia_record_get_uuid (LIA_RECORD (self->draft)), target,
                                         adw_combo_row_get_selected (self->rel_type_row));
  lia_relationship_set_weight (relationship, gtk_spin_button_get_value (self->rel_weight_spin));
  lia_relationship_set_source (relationship, *source != '\0' ? source : NULL);
  lia_relationship_set_confidence (relationship, adw_combo_row_get_selected (self->rel_confidence_row));
  lia_record_set_sensitivity (LIA_RECORD (relationship), lia_sensitivity_row_get_sensitivity (self->rel_sensitivity_row));

  dates_ok = parse_date_row (self->rel_start_row, &start);
  mark_row (self->rel_start_row, !dates_ok);
  if (!parse_date_row (self->rel_end_row, &end))
    {
      mark_row (self->rel_end_row, TRUE);
      dates_ok = FALSE;
    }
  if (!dates_ok)
    {
      show_error (self->relationship_error_label, date_format_message ());
      return NULL;
    }
  lia_relationship_set_start_date (relationship, &start);
  lia_relationship_set_end_date (relationship, &end);

  if (!lia_relationship_validate (relationship, lia_record_history_get_store (self->history), &error))
    {
      if (g_date_valid (&start) && g_date_valid (&end) && g_date_compare (&end, &start) < 0)
        {
          mark_row (self->rel_start_row, TRUE);
          mark_row (self->rel_end_row, TRUE);
        }
      show_error (self->relationship_error_label, error->message);
      return NULL;
    }

  return g_steal_pointer (&relationship);
}

static void
relationship_form_changed_cb (LiaActorEditor *self)
{
  g_autoptr(LiaRelationship) relationship = NULL;

  if (self->filling)
    return;

  relationship = build_relationship (self);
  gtk_widget_set_sensitive (self->add_relationship_button, relationship != NULL);
}

static void
add_relationship_clicked_cb (LiaActorEditor *self)
{
  g_autoptr(LiaRelationship) relationship = build_relationship (self);

  if (relationship == NULL ||
      !write_record (self, LIA_RECORD (relationship), FALSE, self->relationship_error_label))
    return;

  self->filling = TRUE;
  set_text (self->rel_start_row, NULL);
  set_text (self->rel_end_row, NULL);
  set_text (self->rel_source_row, NULL);
  self->filling = FALSE;

  fill_relationships (self);
  relationship_form_changed_cb (self);
  g_signal_emit (self, signals[SAVED], 0, _("Relationship added"));
}

static void
remove_relationship_clicked_cb (GtkButton      *button,
                                LiaActorEditor *self)
{
  LiaRelationship *relationship = g_object_get_data (G_OBJECT (button), "relationship");

  if (!write_record (self, LIA_RECORD (relationship), TRUE, self->relationship_error_label))
    return;

  fill_relationships (self);
  g_signal_emit (self, signals[SAVED], 0, _("Relationship removed"));
}

/* ---- the object ------------------------------------------------------------------ */

void
lia_actor_editor_set_history (LiaActorEditor   *self,
                              LiaRecordHistory *history,
                              const char       *operation)
{
  g_return_if_fail (LIA_IS_ACTOR_EDITOR (self));
  g_return_if_fail (history == NULL || LIA_IS_RECORD_HISTORY (history));

  g_set_object (&self->history, history);
  g_free (self->operation);
  self->operation = g_strdup (operation);
  set_draft (self, NULL, FALSE);
}

/* Shows the stored actor @uuid, or nothing if it is gone */
void
lia_actor_editor_edit (LiaActorEditor *self,
                       const char     *uuid)
{
  g_autoptr(LiaRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  GtkAdjustment *adjustment;
  gboolean same;
  double position;

  g_return_if_fail (LIA_IS_ACTOR_EDITOR (self));

  if (self->history == NULL || uuid == NULL)
    {
      set_draft (self, NULL, FALSE);
      return;
    }

  record = lia_store_load (lia_record_history_get_store (self->history), uuid, &error);
  if (record == NULL || !LIA_IS_ACTOR (record) || lia_record_get_tombstone (record))
    {
      set_draft (self, NULL, FALSE);
      return;
    }

  /* The same actor read again stays where the officer was in the form */
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  same = self->draft != NULL && !self->is_new &&
         g_str_equal (lia_record_get_uuid (LIA_RECORD (self->draft)), uuid);
  position = gtk_adjustment_get_value (adjustment);

  set_draft (self, LIA_ACTOR (record), FALSE);
  gtk_adjustment_set_value (adjustment, same ? position : 0);
}

void
lia_actor_editor_new_actor (LiaActorEditor *self)
{
  g_autoptr(LiaActor) actor = NULL;

  g_return_if_fail (LIA_IS_ACTOR_EDITOR (self));

  if (self->history == NULL)
    return;

  actor = lia_actor_new (self->operation, "", LIA_ACTOR_TYPE_OTHER);
  lia_record_set_sensitivity (LIA_RECORD (actor), LIA_SENSITIVITY_RESTRICTED);
  set_draft (self, actor, TRUE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  lia_actor_editor_focus (self);
}

const char *
lia_actor_editor_get_uuid (LiaActorEditor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR_EDITOR (self), NULL);

  return self->draft != NULL && !self->is_new ? lia_record_get_uuid (LIA_RECORD (self->draft)) : NULL;
}

gboolean
lia_actor_editor_get_is_new (LiaActorEditor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR_EDITOR (self), FALSE);

  return self->is_new;
}

/**
 * lia_actor_editor_reload:
 *
 * Follows the store: an actor changed elsewhere (or by an undo) shows its
 * stored state unless the form holds changes not saved yet; the choices
 * of actors and the relationships are read again either way.
 */
void
lia_actor_editor_reload (LiaActorEditor *self)
{
  g_autofree char *uuid = NULL;

  g_return_if_fail (LIA_IS_ACTOR_EDITOR (self));

  if (self->draft == NULL || self->history == NULL)
    return;

  if (self->is_new || self->dirty)
    {
      fill_actor_choices (self);
      fill_relationships (self);
      return;
    }

  uuid = g_strdup (lia_record_get_uuid (LIA_RECORD (self->draft)));
  lia_actor_editor_edit (self, uuid);
}

/**
 * lia_actor_editor_save:
 *
 * What the Save button does, if it can be pressed.
 *
 * Returns: %TRUE if the actor was saved
 */
gboolean
lia_actor_editor_save (LiaActorEditor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR_EDITOR (self), FALSE);

  if (!gtk_widget_is_sensitive (self->save_button))
    return FALSE;

  save_clicked_cb (self);

  return !self->dirty && !self->is_new;
}

void
lia_actor_editor_focus (LiaActorEditor *self)
{
  g_return_if_fail (LIA_IS_ACTOR_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
lia_actor_editor_dispose (GObject *object)
{
  LiaActorEditor *self = (LiaActorEditor *)object;

  g_clear_object (&self->draft);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (lia_actor_editor_parent_class)->dispose (object);
}

static void
lia_actor_editor_finalize (GObject *object)
{
  LiaActorEditor *self = (LiaActorEditor *)object;

  g_clear_pointer (&self->operation, g_free);
  g_clear_pointer (&self->parent_uuids, g_ptr_array_unref);
  g_clear_pointer (&self->target_uuids, g_ptr_array_unref);

  G_OBJECT_CLASS (lia_actor_editor_parent_class)->finalize (object);
}

static void
lia_actor_editor_class_init (LiaActorEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lia_actor_editor_dispose;
  object_class->finalize = lia_actor_editor_finalize;

  /**
   * LiaActorEditor::saved:
   * @message: what was written, for a toast
   *
   * Something was written through the history, and can be undone.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (LIA_TYPE_SENSITIVITY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-actor-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, sensitivity_banner);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, aliases_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, name_en_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, name_fr_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, name_ar_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, names_error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, parent_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, lat_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, lon_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, place_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, areas_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, location_error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, posture_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, engagement_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, influence_spin);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, goals_view);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, ihl_view);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, confidence_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, verified_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, sensitivity_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, assessment_error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, contacts_list);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, new_contact_group);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, contact_name_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, contact_channel_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, contact_value_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, contact_sensitivity_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, add_contact_button);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, relationships_group);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, relationships_list);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, new_relationship_group);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, rel_type_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, rel_target_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, rel_direction_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, rel_weight_spin);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, rel_start_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, rel_end_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, rel_source_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, rel_confidence_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, rel_sensitivity_row);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, relationship_error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaActorEditor, add_relationship_button);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, contact_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, relationship_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_contact_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_relationship_clicked_cb);
}

static void
set_enum_model (AdwComboRow *row,
                GType        enum_type,
                guint        selected)
{
  g_autoptr(GtkStringList) model = lia_actors_ui_enum_model (enum_type);

  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);
}

static void
lia_actor_editor_init (LiaActorEditor *self)
{
  GtkWidget *arabic;

  self->filling = TRUE;
  self->parent_uuids = g_ptr_array_new_with_free_func (g_free);
  self->target_uuids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  set_enum_model (self->type_row, LIA_TYPE_ACTOR_TYPE, LIA_ACTOR_TYPE_OTHER);
  set_enum_model (self->posture_row, LIA_TYPE_ACTOR_POSTURE, LIA_ACTOR_POSTURE_UNKNOWN);
  set_enum_model (self->engagement_row, LIA_TYPE_ENGAGEMENT, LIA_ENGAGEMENT_NO_CONTACT);
  set_enum_model (self->confidence_row, LIA_TYPE_CONFIDENCE, LIA_CONFIDENCE_MEDIUM);
  lia_sensitivity_row_set_sensitivity (self->contact_sensitivity_row, LIA_SENSITIVITY_CONFIDENTIAL);
  set_enum_model (self->rel_type_row, LIA_TYPE_RELATIONSHIP_TYPE, LIA_RELATIONSHIP_INFLUENCES);
  set_enum_model (self->rel_confidence_row, LIA_TYPE_CONFIDENCE, LIA_CONFIDENCE_MEDIUM);
  gtk_spin_button_set_value (self->rel_weight_spin, LIA_RELATIONSHIP_DEFAULT_WEIGHT);
  g_signal_connect_object (gtk_text_view_get_buffer (self->goals_view), "changed",
                           G_CALLBACK (form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->ihl_view), "changed",
                           G_CALLBACK (form_changed_cb), self, G_CONNECT_SWAPPED);
  {
    const char * const directions[] = {
      [DIRECTION_FROM_THIS] = _("From this actor to the other"),
      [DIRECTION_TO_THIS] = _("From the other to this actor"),
      NULL
    };
    g_autoptr(GtkStringList) model = gtk_string_list_new (directions);

    adw_combo_row_set_model (self->rel_direction_row, G_LIST_MODEL (model));
  }

  /* The Arabic name is written right to left whatever the interface's
   * direction, in a face that shapes it well */
  arabic = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->name_ar_row)));
  gtk_widget_set_direction (arabic, GTK_TEXT_DIR_RTL);
  gtk_widget_add_css_class (arabic, "arabic");

  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  self->filling = FALSE;
}
