/* lia-sensitivity-row.c
 *
 * The one row every form uses to set a record's sensitivity: the four
 * levels by their names, in their order (so that the selected position is
 * the level), and under the title one plain sentence saying who may read
 * a record at the chosen level and what exports do with it.  Actors,
 * contacts, relationships, notifications, incidents and reports all ask
 * the question in the same words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-sensitivity-row.h"

struct _LiaSensitivityRow
{
  AdwComboRow     parent_instance;

  LiaSensitivity  sensitivity;
};

G_DEFINE_FINAL_TYPE (LiaSensitivityRow, lia_sensitivity_row, ADW_TYPE_COMBO_ROW)

enum {
  PROP_0,
  PROP_SENSITIVITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * lia_sensitivity_get_description:
 *
 * Returns: who may read a record at @sensitivity and what exports do with
 *   it, in one translated sentence
 */
const char *
lia_sensitivity_get_description (LiaSensitivity sensitivity)
{
  switch (sensitivity)
    {
    case LIA_SENSITIVITY_PUBLIC:
      return _("Anyone may read it, the parties and the press included.");
    case LIA_SENSITIVITY_RESTRICTED:
      return _("For the humanitarian organisations you work with, not for the public.");
    case LIA_SENSITIVITY_CONFIDENTIAL:
      return _("Only for those who need to know it, even within your organisation.");
    case LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL:
    default:
      return _("Disclosing it could put people in danger: exports and handover packages leave it out unless you confirm.");
    }
}

static void
update_subtitle (LiaSensitivityRow *self)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), lia_sensitivity_get_description (self->sensitivity));
}

static void
selected_changed_cb (LiaSensitivityRow *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self));

  if (selected > LIA_SENSITIVITY_LAST || selected == self->sensitivity)
    return;

  self->sensitivity = selected;
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENSITIVITY]);
}

GtkWidget *
lia_sensitivity_row_new (void)
{
  return g_object_new (LIA_TYPE_SENSITIVITY_ROW, NULL);
}

LiaSensitivity
lia_sensitivity_row_get_sensitivity (LiaSensitivityRow *self)
{
  g_return_val_if_fail (LIA_IS_SENSITIVITY_ROW (self), LIA_SENSITIVITY_RESTRICTED);

  return self->sensitivity;
}

void
lia_sensitivity_row_set_sensitivity (LiaSensitivityRow *self,
                                     LiaSensitivity     sensitivity)
{
  g_return_if_fail (LIA_IS_SENSITIVITY_ROW (self));
  g_return_if_fail (sensitivity <= LIA_SENSITIVITY_LAST);

  /* Notifies through selected_changed_cb */
  adw_combo_row_set_selected (ADW_COMBO_ROW (self), sensitivity);
}

static void
lia_sensitivity_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LiaSensitivityRow *self = LIA_SENSITIVITY_ROW (object);

  switch (prop_id)
    {
    case PROP_SENSITIVITY:
      g_value_set_enum (value, self->sensitivity);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_sensitivity_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LiaSensitivityRow *self = LIA_SENSITIVITY_ROW (object);

  switch (prop_id)
    {
    case PROP_SENSITIVITY:
      lia_sensitivity_row_set_sensitivity (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_sensitivity_row_class_init (LiaSensitivityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = lia_sensitivity_row_get_property;
  object_class->set_property = lia_sensitivity_row_set_property;

  properties[PROP_SENSITIVITY] =
    g_param_spec_enum ("sensitivity", NULL, NULL,
                       LIA_TYPE_SENSITIVITY, LIA_SENSITIVITY_RESTRICTED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lia_sensitivity_row_init (LiaSensitivityRow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (LiaSensitivity level = LIA_SENSITIVITY_PUBLIC; level <= LIA_SENSITIVITY_LAST; level++)
    gtk_string_list_append (labels, lia_sensitivity_get_label (level));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Sensitivity"));
  /* The sentence under the title can be long in every language */
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 0);
  adw_combo_row_set_model (ADW_COMBO_ROW (self), G_LIST_MODEL (labels));

  self->sensitivity = LIA_SENSITIVITY_RESTRICTED;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self), self->sensitivity);
  update_subtitle (self);
  g_signal_connect (self, "notify::selected", G_CALLBACK (selected_changed_cb), NULL);
}
