/* lia-graph-view.c — the stakeholder network drawn with GtkSnapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-graph-view.h"

struct _LiaGraphView
{
  GtkWidget      parent_instance;

  LiaActorGraph *graph;
  char          *selected_uuid;
  GHashTable    *positions;    /* uuid → double[2] */
  GHashTable    *pinned;       /* uuid set */
  guint          hidden_types;
  guint          hidden_relationships;
  double         offset_x;
  double         offset_y;
  double         zoom;
};

G_DEFINE_FINAL_TYPE (LiaGraphView, lia_graph_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_GRAPH, PROP_BUSY, PROP_SELECTED_UUID, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
lia_graph_view_dispose (GObject *object)
{
  LiaGraphView *self = LIA_GRAPH_VIEW (object);

  g_clear_object (&self->graph);
  g_clear_pointer (&self->selected_uuid, g_free);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->pinned, g_hash_table_unref);
  G_OBJECT_CLASS (lia_graph_view_parent_class)->dispose (object);
}

static void
lia_graph_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaGraphView *self = LIA_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_GRAPH: g_value_set_object (value, self->graph); break;
    case PROP_BUSY: g_value_set_boolean (value, FALSE); break;
    case PROP_SELECTED_UUID: g_value_set_string (value, self->selected_uuid); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_graph_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  LiaGraphView *self = LIA_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_GRAPH: lia_graph_view_set_graph (self, g_value_get_object (value)); break;
    case PROP_SELECTED_UUID: lia_graph_view_set_selected_uuid (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_graph_view_class_init (LiaGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lia_graph_view_dispose;
  object_class->get_property = lia_graph_view_get_property;
  object_class->set_property = lia_graph_view_set_property;

  properties[PROP_GRAPH] = g_param_spec_object ("graph", NULL, NULL, LIA_TYPE_ACTOR_GRAPH,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_UUID] = g_param_spec_string ("selected-uuid", NULL, NULL, NULL,
                                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_signal_new ("actor-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lia_graph_view_init (LiaGraphView *self)
{
  self->positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pinned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->zoom = 1.0;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

GtkWidget *
lia_graph_view_new (void)
{
  return g_object_new (LIA_TYPE_GRAPH_VIEW, NULL);
}

LiaActorGraph *
lia_graph_view_get_graph (LiaGraphView *self)
{
  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), NULL);
  return self->graph;
}

void
lia_graph_view_set_graph (LiaGraphView *self, LiaActorGraph *graph)
{
  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));
  if (g_set_object (&self->graph, graph))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRAPH]);
    }
}

gboolean
lia_graph_view_get_busy (LiaGraphView *self)
{
  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), FALSE);
  return FALSE;
}

const char *
lia_graph_view_get_selected_uuid (LiaGraphView *self)
{
  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), NULL);
  return self->selected_uuid;
}

void
lia_graph_view_set_selected_uuid (LiaGraphView *self, const char *uuid)
{
  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));
  if (g_strcmp0 (self->selected_uuid, uuid) == 0)
    return;
  g_free (self->selected_uuid);
  self->selected_uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_UUID]);
}

void
lia_graph_view_set_type_visible (LiaGraphView *self, LiaActorType type, gboolean visible)
{
  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));
  if (visible)
    self->hidden_types &= ~(1u << type);
  else
    self->hidden_types |= 1u << type;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lia_graph_view_set_relationship_visible (LiaGraphView *self, LiaRelationshipType type, gboolean visible)
{
  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));
  if (visible)
    self->hidden_relationships &= ~(1u << type);
  else
    self->hidden_relationships |= 1u << type;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lia_graph_view_set_pinned (LiaGraphView *self, const char *uuid, gboolean pinned)
{
  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));
  if (pinned)
    g_hash_table_add (self->pinned, g_strdup (uuid));
  else
    g_hash_table_remove (self->pinned, uuid);
}

gboolean
lia_graph_view_get_pinned (LiaGraphView *self, const char *uuid)
{
  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), FALSE);
  return g_hash_table_contains (self->pinned, uuid);
}

void
lia_graph_view_zoom_to_fit (LiaGraphView *self)
{
  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));
}

void
lia_graph_view_zoom_by (LiaGraphView *self, double factor)
{
  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));
  self->zoom *= factor;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lia_graph_view_pan_by (LiaGraphView *self, double dx, double dy)
{
  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));
  self->offset_x += dx;
  self->offset_y += dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
lia_graph_view_get_n_visible_actors (LiaGraphView *self)
{
  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), 0);
  return self->graph != NULL ? lia_actor_graph_get_n_actors (self->graph) : 0;
}

guint
lia_graph_view_get_n_visible_relationships (LiaGraphView *self)
{
  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), 0);
  return self->graph != NULL ? lia_actor_graph_get_n_relationships (self->graph) : 0;
}

gboolean
lia_graph_view_get_actor_position (LiaGraphView *self, const char *uuid, double *x, double *y)
{
  double *pos;

  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), FALSE);
  pos = g_hash_table_lookup (self->positions, uuid);
  if (pos == NULL)
    return FALSE;
  if (x != NULL)
    *x = pos[0];
  if (y != NULL)
    *y = pos[1];
  return TRUE;
}

gboolean
lia_graph_view_export_png (LiaGraphView *self, GFile *file, GError **error)
{
  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), FALSE);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Export is not available yet"));
  return FALSE;
}

gboolean
lia_graph_view_export_svg (LiaGraphView *self, GFile *file, GError **error)
{
  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), FALSE);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Export is not available yet"));
  return FALSE;
}
