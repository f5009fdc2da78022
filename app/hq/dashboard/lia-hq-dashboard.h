/* lia-hq-dashboard.h — the HQ dashboard: HTML pages for HQ users
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "lia-hq-store.h"

G_BEGIN_DECLS

#define LIA_HQ_DASHBOARD_PATH "/dashboard"

/* A session ends after this long without a request… */
#define LIA_HQ_DASHBOARD_DEFAULT_SESSION_IDLE  (30 * 60)
/* …and this long after signing in, whatever happens. */
#define LIA_HQ_DASHBOARD_DEFAULT_SESSION_MAX   (12 * 60 * 60)

#define LIA_TYPE_HQ_DASHBOARD (lia_hq_dashboard_get_type ())

G_DECLARE_FINAL_TYPE (LiaHqDashboard, lia_hq_dashboard, LIA, HQ_DASHBOARD, GObject)

LiaHqDashboard *lia_hq_dashboard_new                (LiaHqStore        *store);
void            lia_hq_dashboard_set_session_limits (LiaHqDashboard    *self,
                                                     guint              idle_seconds,
                                                     guint              max_seconds);
void            lia_hq_dashboard_handle             (SoupServer        *server,
                                                     SoupServerMessage *msg,
                                                     const char        *path,
                                                     GHashTable        *query,
                                                     gpointer           user_data);

G_END_DECLS
