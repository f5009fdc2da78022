/* lia-sensitivity-badge.c
 *
 * The one mark every list row and detail view puts on a confidential or
 * strictly confidential record: a word as well as a colour (for whoever
 * does not see the colour), libadwaita's warning and error colours so it
 * reads in light, dark and high contrast, a tooltip that says what the
 * level means, and the level as the accessible label.  Below confidential
 * the badge hides itself, so a recycled row can keep one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-sensitivity-badge.h"

struct _LiaSensitivityBadge
{
  GtkWidget       parent_instance;

  GtkWidget      *label;
  LiaSensitivity  sensitivity;
};

G_DEFINE_FINAL_TYPE (LiaSensitivityBadge, lia_sensitivity_badge, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SENSITIVITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * lia_sensitivity_badge_get_tooltip:
 *
 * Returns: (nullable): what @sensitivity means for the officer, translated;
 *   %NULL below confidential
 */
const char *
lia_sensitivity_badge_get_tooltip (LiaSensitivity sensitivity)
{
  switch (sensitivity)
    {
    case LIA_SENSITIVITY_CONFIDENTIAL:
      return _("Confidential: share it only with people who need to know. "
               "Its contacts leave this device only after you confirm.");
    case LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL:
      return _("Strictly confidential: disclosing it could put people in danger. "
               "Exports and handover packages leave it out unless you confirm.");
    case LIA_SENSITIVITY_PUBLIC:
    case LIA_SENSITIVITY_RESTRICTED:
    default:
      return NULL;
    }
}

static void
update (LiaSensitivityBadge *self)
{
  gboolean shown = lia_sensitivity_is_sensitive (self->sensitivity);
  const char *label = lia_sensitivity_get_label (self->sensitivity);

  gtk_widget_set_visible (GTK_WIDGET (self), shown);
  gtk_label_set_label (GTK_LABEL (self->label), label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), lia_sensitivity_badge_get_tooltip (self->sensitivity));
  if (self->sensitivity == LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "strictly");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "strictly");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  shown ? lia_sensitivity_badge_get_tooltip (self->sensitivity) : "",
                                  -1);
}

GtkWidget *
lia_sensitivity_badge_new (LiaSensitivity sensitivity)
{
  return g_object_new (LIA_TYPE_SENSITIVITY_BADGE, "sensitivity", sensitivity, NULL);
}

LiaSensitivity
lia_sensitivity_badge_get_sensitivity (LiaSensitivityBadge *self)
{
  g_return_val_if_fail (LIA_IS_SENSITIVITY_BADGE (self), LIA_SENSITIVITY_PUBLIC);

  return self->sensitivity;
}

void
lia_sensitivity_badge_set_sensitivity (LiaSensitivityBadge *self,
                                       LiaSensitivity       sensitivity)
{
  g_return_if_fail (LIA_IS_SENSITIVITY_BADGE (self));
  g_return_if_fail (sensitivity <= LIA_SENSITIVITY_LAST);

  if (self->sensitivity == sensitivity)
    return;

  self->sensitivity = sensitivity;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENSITIVITY]);
}

static void
lia_sensitivity_badge_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LiaSensitivityBadge *self = LIA_SENSITIVITY_BADGE (object);

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
lia_sensitivity_badge_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LiaSensitivityBadge *self = LIA_SENSITIVITY_BADGE (object);

  switch (prop_id)
    {
    case PROP_SENSITIVITY:
      lia_sensitivity_badge_set_sensitivity (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_sensitivity_badge_dispose (GObject *object)
{
  LiaSensitivityBadge *self = LIA_SENSITIVITY_BADGE (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (lia_sensitivity_badge_parent_class)->dispose (object);
}

static void
lia_sensitivity_badge_class_init (LiaSensitivityBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = lia_sensitivity_badge_get_property;
  object_class->set_property = lia_sensitivity_badge_set_property;
  object_class->dispose = lia_sensitivity_badge_dispose;

  properties[PROP_SENSITIVITY] =
    g_param_spec_enum ("sensitivity", NULL, NULL,
                       LIA_TYPE_SENSITIVITY, LIA_SENSITIVITY_PUBLIC,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
lia_sensitivity_badge_init (LiaSensitivityBadge *self)
{
  self->label = gtk_label_new (NULL);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  /* The badge speaks for itself: its label is the accessible name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self), "sensitivity-badge");
  update (self);
}
