/* lia-hq-dashboard-private.h — what the dashboard's pages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "lia-hq-dashboard.h"
#include "lia-hq-html.h"
#include "lia-hq-users.h"

G_BEGIN_DECLS

/* One request to the dashboard, from its handler to its answer. */
typedef struct
{
  LiaHqDashboard    *dashboard;
  SoupServerMessage *msg;
  GHashTable        *query;      /* nullable */
  LiaHqStore        *store;
  sqlite3           *db;
  const char        *language;   /* of the interface: "en", "fr" or "ar" */
  LiaHqSession      *session;    /* nullable before signing in */
} LiaHqRequest;

/* Which tab of the header is current. */
typedef enum
{
  LIA_HQ_NAV_NONE,
  LIA_HQ_NAV_INBOX,
  LIA_HQ_NAV_LESSONS,
  LIA_HQ_NAV_DEVICES,
} LiaHqNav;

/* A received record as the dashboard shows it. */
typedef struct
{
  char           *uuid;
  char           *record_type;
  char           *operation;
  LiaSensitivity  sensitivity;
  gint64          revision;
  char           *changed_at;
  char           *device_name;   /* nullable: HQ's own records */
  JsonNode       *body;          /* an object */
} LiaHqRecord;

void         lia_hq_record_free         (LiaHqRecord       *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaHqRecord, lia_hq_record_free)

const char  *lia_hq_query_get           (LiaHqRequest      *req,
                                         const char        *name);
void         lia_hq_page_begin          (LiaHqRequest      *req,
                                         GString           *out,
                                         const char        *title,
                                         LiaHqNav           nav);
void         lia_hq_page_end            (LiaHqRequest      *req,
                                         GString           *out);
void         lia_hq_respond_page        (LiaHqRequest      *req,
                                         guint              status,
                                         GString           *html);
void         lia_hq_respond_message     (LiaHqRequest      *req,
                                         guint              status,
                                         const char        *title,
                                         const char        *message);

void         lia_hq_page_inbox          (LiaHqRequest      *req);
void         lia_hq_page_record         (LiaHqRequest      *req,
                                         const char        *uuid);
void         lia_hq_page_attachment     (LiaHqRequest      *req,
                                         const char        *uuid,
                                         const char        *sha256);
void         lia_hq_page_lessons        (LiaHqRequest      *req);
void         lia_hq_page_devices        (LiaHqRequest      *req);
void         lia_hq_page_export_csv     (LiaHqRequest      *req);

G_END_DECLS
