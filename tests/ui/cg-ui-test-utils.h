/* cg-ui-test-utils.h: helpers shared by the window and page tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "../core/cg-test-utils.h"

/* Runs the main context for @ms milliseconds, without waiting for events */
static inline void
cg_ui_test_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

typedef enum {
  CG_UI_TEST_ANY,      /* shown or not */
  CG_UI_TEST_VISIBLE,  /* its visible flag set (at phone width, say, a page
                        * behind another is visible but not mapped) */
  CG_UI_TEST_MAPPED,   /* on screen */
} CgUiTestShown;

/* What a widget reads: a label's text, a button's label, a preferences
 * row's title; else NULL */
static inline const char *
cg_ui_test_widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return NULL;
}

/* The first widget under @root, @root included, depth first, that is of
 * @type, @shown, reads @text (unless NULL) and has the tooltip @tooltip
 * (unless NULL); a widget that is not @shown is passed over with all it
 * holds. */
static inline GtkWidget *
cg_ui_test_find (GtkWidget     *root,
                 GType          type,
                 CgUiTestShown  shown,
                 const char    *text,
                 const char    *tooltip)
{
  if ((shown == CG_UI_TEST_VISIBLE && !gtk_widget_get_visible (root)) ||
      (shown == CG_UI_TEST_MAPPED && !gtk_widget_get_mapped (root)))
    return NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (text == NULL || g_strcmp0 (cg_ui_test_widget_text (root), text) == 0) &&
      (tooltip == NULL || g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cg_ui_test_find (child, type, shown, text, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* cg_ui_test_find(), running the main context until the widget is found
 * or 5 s have passed (a revealer that opens, a busy X server) */
static inline GtkWidget *
cg_ui_test_wait_find (GtkWidget     *root,
                      GType          type,
                      CgUiTestShown  shown,
                      const char    *text,
                      const char    *tooltip)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkWidget *found;

  while ((found = cg_ui_test_find (root, type, shown, text, tooltip)) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  return found;
}

/* A visible label under @root reading @text, or NULL */
static inline GtkWidget *
cg_ui_test_find_label (GtkWidget  *root,
                       const char *text)
{
  return cg_ui_test_find (root, GTK_TYPE_LABEL, CG_UI_TEST_VISIBLE, text, NULL);
}

/* What cg_ui_test_wait_until() waits for */
typedef gboolean (*CgUiTestCondition) (gpointer data);

static inline void
cg_ui_test_wake_cb (gpointer data)
{
  *(guint *) data = 0;
}

/* Runs the main context until @condition holds, or fails the test after
 * 20 s. It blocks on events between checks (waking at least every 10 ms),
 * so a busy machine makes it slower, never wrong. */
static inline void
cg_ui_test_wait_until (CgUiTestCondition  condition,
                       gpointer           data,
                       const char        *what)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      guint wake = g_timeout_add_once (10, cg_ui_test_wake_cb, &wake);

      if (g_get_monotonic_time () > deadline)
        g_error ("Waited 20 s for %s", what);
      g_main_context_iteration (NULL, TRUE);
      g_clear_handle_id (&wake, g_source_remove);
    }
}

static inline gboolean
cg_ui_test_is_visible_cb (gpointer widget)
{
  return gtk_widget_get_visible (GTK_WIDGET (widget));
}

static inline gboolean
cg_ui_test_is_hidden_cb (gpointer widget)
{
  return !gtk_widget_get_visible (GTK_WIDGET (widget));
}

static inline gboolean
cg_ui_test_is_active_cb (gpointer window)
{
  return gtk_window_is_active (GTK_WINDOW (window));
}
