/* cg-library-watch.c: a page's watch on CgLibrary::changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each page owns one, made when it gets the library, naming the kinds of
 * data the page shows and the function that reads them again. When the
 * library says one of those changed, a page on screen reloads at once; a
 * page out of sight (another page of the stack, a window not shown) only
 * takes note and reloads when it is shown again.
 *
 * A page calls cg_library_watch_mark_fresh() when it reads what it shows
 * by itself (after its own write, say): the ::changed of a write it has
 * already read then leaves it alone, so that the applications board is not
 * rebuilt under the card being moved.
 */
#define G_LOG_DOMAIN "cg-library-watch"

#include "config.h"

#include "cg-library-watch.h"

struct _CgLibraryWatch
{
  GObject             parent_instance;

  GtkWidget          *page;       /* not owned: the page owns the watch */
  CgLibrary          *library;
  CgLibraryChange     kinds;
  CgLibraryWatchFunc  reload;
  guint64             fresh_serial;
  gboolean            stale;
};

G_DEFINE_FINAL_TYPE (CgLibraryWatch, cg_library_watch, G_TYPE_OBJECT)

static void
cg_library_watch_finalize (GObject *object)
{
  CgLibraryWatch *self = CG_LIBRARY_WATCH (object);

  g_clear_object (&self->library);

  G_OBJECT_CLASS (cg_library_watch_parent_class)->finalize (object);
}

static void
cg_library_watch_class_init (CgLibraryWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cg_library_watch_finalize;
}

static void
cg_library_watch_init (CgLibraryWatch *self)
{
}

static void
reload (CgLibraryWatch *self)
{
  cg_library_watch_mark_fresh (self);
  self->reload (self->page);
}

static void
changed_cb (CgLibraryWatch  *self,
            CgLibraryChange  what)
{
  if ((what & self->kinds) == 0 ||
      cg_library_get_change_serial (self->library) == self->fresh_serial)
    return;

  if (gtk_widget_get_mapped (self->page))
    reload (self);
  else
    self->stale = TRUE;
}

static void
map_cb (CgLibraryWatch *self)
{
  if (self->stale)
    reload (self);
}

/* Watches @library for changes of @kinds while @page lives; @page is taken
 * to be reading them now. The page keeps the watch and drops it in its
 * dispose. */
CgLibraryWatch *
cg_library_watch_new (GtkWidget          *page,
                      CgLibrary          *library,
                      CgLibraryChange     kinds,
                      CgLibraryWatchFunc  reload_func)
{
  CgLibraryWatch *self;

  g_return_val_if_fail (GTK_IS_WIDGET (page), NULL);
  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (reload_func != NULL, NULL);

  self = g_object_new (CG_TYPE_LIBRARY_WATCH, NULL);
  self->page = page;
  self->library = g_object_ref (library);
  self->kinds = kinds;
  self->reload = reload_func;
  cg_library_watch_mark_fresh (self);

  g_signal_connect_object (library, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "map", G_CALLBACK (map_cb), self, G_CONNECT_SWAPPED);
  return self;
}

/* The page is reading everything it shows now: the changes made up to now
 * need no reload. */
void
cg_library_watch_mark_fresh (CgLibraryWatch *self)
{
  g_return_if_fail (CG_IS_LIBRARY_WATCH (self));

  self->fresh_serial = cg_library_get_change_serial (self->library);
  self->stale = FALSE;
}
