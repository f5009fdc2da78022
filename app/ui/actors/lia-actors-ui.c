/* lia-actors-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lia-actors-ui.h"

/* The languages an actor has names in on the editor; the interface shows
 * an actor under its name in the interface's language when it has one. */
static const char * const name_languages[] = { "en", "fr", "ar" };

/**
 * lia_actors_ui_language:
 *
 * Returns: the interface's language, as gettext picks it, if actors have
 *   names in it; "en" otherwise
 */
const char *
lia_actors_ui_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *code = g_strndup (names[i], strcspn (names[i], "_.@"));

      if (g_str_equal (code, "C") || g_str_equal (code, "POSIX"))
        break;

      for (guint j = 0; j < G_N_ELEMENTS (name_languages); j++)
        {
          if (g_str_equal (code, name_languages[j]))
            return name_languages[j];
        }
    }

  return "en";
}

const char *
lia_actors_ui_display_name (LiaActor *actor)
{
  return lia_actor_get_display_name (actor, lia_actors_ui_language ());
}

guint
lia_actors_ui_enum_n_values (GType enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);

  return klass->n_values;
}

const char *
lia_actors_ui_enum_label (GType enum_type,
                          int   value)
{
  if (enum_type == LIA_TYPE_ACTOR_TYPE)
    return lia_actor_type_get_label (value);
  if (enum_type == LIA_TYPE_ACTOR_POSTURE)
    return lia_actor_posture_get_label (value);
  if (enum_type == LIA_TYPE_ENGAGEMENT)
    return lia_engagement_get_label (value);
  if (enum_type == LIA_TYPE_CONFIDENCE)
    return lia_confidence_get_label (value);
  if (enum_type == LIA_TYPE_RELATIONSHIP_TYPE)
    return lia_relationship_type_get_label (value);
  if (enum_type == LIA_TYPE_SENSITIVITY)
    return lia_sensitivity_get_label (value);

  g_return_val_if_reached (NULL);
}

/* Returns: (transfer full): the labels of @enum_type, in value order, for
 * a combo row or a drop-down whose position is the value */
GtkStringList *
lia_actors_ui_enum_model (GType enum_type)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint n = lia_actors_ui_enum_n_values (enum_type);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, lia_actors_ui_enum_label (enum_type, i));

  return list;
}
