/* lia-context.h — what a widget or command needs: store, settings, clock, sync engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lia-clock.h"
#include "lia-store.h"
#include "lia-sync-engine.h"

G_BEGIN_DECLS

#define LIA_TYPE_CONTEXT (lia_context_get_type ())

G_DECLARE_FINAL_TYPE (LiaContext, lia_context, LIA, CONTEXT, GObject)

LiaContext *lia_context_new          (LiaStore   *store,
                                      GSettings  *settings,
                                      LiaClock   *clock);
LiaStore   *lia_context_get_store    (LiaContext *self);
GSettings  *lia_context_get_settings (LiaContext *self);
LiaClock   *lia_context_get_clock    (LiaContext *self);
LiaSyncEngine *lia_context_get_sync_engine (LiaContext *self);

char       *lia_default_data_dir     (void);
char       *lia_resolve_data_dir     (const char *option);

G_END_DECLS
