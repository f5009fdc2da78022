/* lia-actor-editor.h — every field of one actor, and its relationships
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"
#include "lia-record-history.h"

G_BEGIN_DECLS

#define LIA_TYPE_ACTOR_EDITOR (lia_actor_editor_get_type ())

G_DECLARE_FINAL_TYPE (LiaActorEditor, lia_actor_editor, LIA, ACTOR_EDITOR, AdwBin)

void        lia_actor_editor_set_history   (LiaActorEditor   *self,
                                            LiaRecordHistory *history,
                                            const char       *operation);
void        lia_actor_editor_edit          (LiaActorEditor   *self,
                                            const char       *uuid);
void        lia_actor_editor_new_actor     (LiaActorEditor   *self);
const char *lia_actor_editor_get_uuid      (LiaActorEditor   *self);
gboolean    lia_actor_editor_get_is_new    (LiaActorEditor   *self);
void        lia_actor_editor_reload        (LiaActorEditor   *self);
void        lia_actor_editor_focus         (LiaActorEditor   *self);
gboolean    lia_actor_editor_save          (LiaActorEditor   *self);

G_END_DECLS
