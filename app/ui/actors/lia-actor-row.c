/* lia-actor-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-actor-row.h"
#include "lia-actors-ui.h"
#include "lia-sensitivity-badge.h"

/* Name, the name in the interface's language when it differs, then type
 * and engagement; a badge for confidential actors.  Built in code: a few
 * labels whose presence depends on the actor. */
struct _LiaActorRow
{
  GtkListBoxRow  parent_instance;

  LiaActor      *actor;
};

G_DEFINE_FINAL_TYPE (LiaActorRow, lia_actor_row, GTK_TYPE_LIST_BOX_ROW)

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
build (LiaActorRow *self)
{
  LiaActor *actor = self->actor;
  const char *name = lia_actor_get_name (actor);
  const char *local = lia_actors_ui_display_name (actor);
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *last_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *details_label;
  GtkWidget *badge;

  /* The name in the interface's language first, the name it is filed
   * under after it when they differ */
  gtk_box_append (GTK_BOX (text), make_label (local, "heading"));
  if (g_strcmp0 (local, name) != 0)
    gtk_box_append (GTK_BOX (text), make_label (name, NULL));

  /* Translators: an actor's type, then how far engagement with it went */
  details = g_strdup_printf (_("%s · %s"),
                             lia_actor_type_get_label (lia_actor_get_actor_type (actor)),
                             lia_engagement_get_label (lia_actor_get_engagement (actor)));
  details_label = make_label (details, "dim-label");
  gtk_widget_add_css_class (details_label, "caption");
  gtk_widget_set_hexpand (details_label, TRUE);
  gtk_box_append (GTK_BOX (last_line), details_label);

  /* On the last line, so that the name keeps the whole width */
  badge = lia_sensitivity_badge_new (lia_record_get_sensitivity (LIA_RECORD (actor)));
  gtk_box_append (GTK_BOX (last_line), badge);
  gtk_box_append (GTK_BOX (text), last_line);

  gtk_widget_set_margin_top (text, 6);
  gtk_widget_set_margin_bottom (text, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), text);

  accessible = lia_sensitivity_is_sensitive (lia_record_get_sensitivity (LIA_RECORD (actor)))
               ? g_strdup_printf ("%s, %s, %s", local, details,
                                  lia_sensitivity_get_label (lia_record_get_sensitivity (LIA_RECORD (actor))))
               : g_strdup_printf ("%s, %s", local, details);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
lia_actor_row_finalize (GObject *object)
{
  LiaActorRow *self = (LiaActorRow *)object;

  g_clear_object (&self->actor);

  G_OBJECT_CLASS (lia_actor_row_parent_class)->finalize (object);
}

static void
lia_actor_row_class_init (LiaActorRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_actor_row_finalize;
}

static void
lia_actor_row_init (LiaActorRow *self)
{
}

GtkWidget *
lia_actor_row_new (LiaActor *actor)
{
  LiaActorRow *self;

  g_return_val_if_fail (LIA_IS_ACTOR (actor), NULL);

  self = g_object_new (LIA_TYPE_ACTOR_ROW, NULL);
  self->actor = g_object_ref (actor);
  build (self);

  return GTK_WIDGET (self);
}

LiaActor *
lia_actor_row_get_actor (LiaActorRow *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR_ROW (self), NULL);

  return self->actor;
}

const char *
lia_actor_row_get_uuid (LiaActorRow *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR_ROW (self), NULL);

  return lia_record_get_uuid (LIA_RECORD (self->actor));
}
