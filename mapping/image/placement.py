"""Placing text without collisions: boxes in display pixels, free room, leaders.

Pure geometry on numpy arrays; the boxes are measured by matplotlib's renderer
(:meth:`matplotlib.text.Text.get_window_extent`) in :mod:`mapping.image.labels`.
A box is ``(x0, y0, x1, y1)``. :class:`Room` knows the frame and every box
already taken (legend, headline, footer, other labels); :func:`best_spot`
picks, among candidate boxes, the nearest one that is free, preferring
background to land so that a label moved off its seat hides no other seat.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import shapely

#: Directions tried around an anchor, and how far out (in label heights).
DIRECTIONS = 16
RADII = (0.0, 0.35, 0.7, 1.2, 1.8, 2.6, 3.6, 5.0, 7.0, 9.5, 13.0, 17.0, 22.0)
#: Cost of covering land, in label heights of distance per share of the box:
#: a label moved off its seat may cover a little; a callout goes to the sea.
LAND_COST = 6.0
CALLOUT_LAND_COST = 40.0


class Room:
    """The free room of a figure: a frame, minus the boxes taken so far.

    Parameters
    ----------
    frame
        The box every label stays inside (the figure less its margin).
    taken
        Boxes that nothing may overlap (legend, headline, footer, inset).
    gap
        Space kept between boxes, in pixels.
    """

    def __init__(
        self, frame: Sequence[float], taken: Sequence[Sequence[float]], *, gap: float
    ) -> None:
        self.frame = np.asarray(frame, dtype=float)
        self.gap = gap
        self.boxes = np.asarray(list(taken), dtype=float).reshape(-1, 4)

    def free(
        self, candidates: np.ndarray, extra: Sequence[Sequence[float]] = ()
    ) -> np.ndarray:
        """Return, for each candidate box, whether it fits and overlaps nothing.

        ``extra`` boxes are avoided too, for this question only.
        """
        candidates = np.asarray(candidates, dtype=float).reshape(-1, 4)
        taken = np.vstack([self.boxes, np.asarray(list(extra), float).reshape(-1, 4)])
        x0, y0, x1, y1 = self.frame
        inside = (
            (candidates[:, 0] >= x0)
            & (candidates[:, 1] >= y0)
            & (candidates[:, 2] <= x1)
            & (candidates[:, 3] <= y1)
        )
        if not len(taken):
            return inside
        c = candidates[:, None, :]
        b = taken[None, :, :]
        g = self.gap
        overlap = (
            (c[..., 0] < b[..., 2] + g)
            & (b[..., 0] - g < c[..., 2])
            & (c[..., 1] < b[..., 3] + g)
            & (b[..., 1] - g < c[..., 3])
        )
        return inside & ~overlap.any(axis=1)

    def take(self, box: Sequence[float]) -> None:
        """Mark ``box`` as taken."""
        self.boxes = np.vstack([self.boxes, np.asarray(box, dtype=float)[None, :]])


class Land:
    """Where seats are drawn, sampled on a grid of display pixels.

    ``contains(xs, ys)`` says whether display points fall on a seat; the grid
    is summed once, so the share of land under any box costs four lookups.
    """

    def __init__(
        self,
        contains: Callable[[np.ndarray, np.ndarray], np.ndarray],
        frame: Sequence[float],
        *,
        cell: float,
    ) -> None:
        x0, y0, x1, y1 = frame
        self.origin = (x0, y0)
        self.cell = cell
        xs = np.arange(x0 + cell / 2, x1, cell)
        ys = np.arange(y0 + cell / 2, y1, cell)
        grid_x, grid_y = np.meshgrid(xs, ys)
        land = contains(grid_x.ravel(), grid_y.ravel()).reshape(grid_x.shape)
        self.sums = np.zeros((len(ys) + 1, len(xs) + 1))
        self.sums[1:, 1:] = land.astype(float).cumsum(0).cumsum(1)

    def share(self, boxes: np.ndarray) -> np.ndarray:
        """Return the share (0 to 1) of each box that lies on land."""
        boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
        rows, columns = self.sums.shape
        ox, oy = self.origin
        i0 = np.clip(((boxes[:, 1] - oy) / self.cell).astype(int), 0, rows - 1)
        i1 = np.clip(((boxes[:, 3] - oy) / self.cell).astype(int), 0, rows - 1)
        j0 = np.clip(((boxes[:, 0] - ox) / self.cell).astype(int), 0, columns - 1)
        j1 = np.clip(((boxes[:, 2] - ox) / self.cell).astype(int), 0, columns - 1)
        s = self.sums
        total = s[i1, j1] - s[i0, j1] - s[i1, j0] + s[i0, j0]
        cells = np.maximum((i1 - i0) * (j1 - j0), 1)
        return total / cells


def land_of(geometry, to_data: Callable[[np.ndarray], np.ndarray]):
    """Return a ``contains(xs, ys)`` for :class:`Land` from seats in data units.

    ``to_data`` turns an ``(n, 2)`` array of display points into data units.
    """
    shapely.prepare(geometry)

    def contains(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        points = to_data(np.column_stack([xs, ys]))
        return shapely.contains_xy(geometry, points[:, 0], points[:, 1])

    return contains


def ring(
    anchor: Sequence[float] | np.ndarray,
    width: float,
    height: float,
    radii: Sequence[float],
) -> tuple[np.ndarray, np.ndarray]:
    """Return candidate boxes around ``anchor`` and the distance of each.

    At each radius (in pixels), one box per direction, its near edge that far
    from the anchor; radius 0 is the box centred on the anchor.
    """
    angles = np.linspace(0, 2 * np.pi, DIRECTIONS, endpoint=False)
    boxes, distances = [], []
    for radius in radii:
        if radius == 0:
            dx, dy = np.zeros(1), np.zeros(1)
        else:
            dx = np.cos(angles) * (radius + width / 2)
            dy = np.sin(angles) * (radius + height / 2)
        cx, cy = anchor[0] + dx, anchor[1] + dy
        boxes.append(
            np.column_stack(
                [cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2]
            )
        )
        distances.append(np.full(len(dx), float(radius)))
    return np.vstack(boxes), np.concatenate(distances)


def best_spot(
    boxes: np.ndarray,
    distances: np.ndarray,
    room: Room,
    *,
    land: Land | None,
    unit: float,
    extra: Sequence[Sequence[float]] = (),
    land_cost: float = LAND_COST,
) -> int | None:
    """Return the index of the free box of least cost, or ``None`` if none is free.

    The cost is the distance from the anchor (in ``unit`` pixels) plus
    ``land_cost`` per share of the box over land.
    """
    free = room.free(boxes, extra)
    if not free.any():
        return None
    cost = distances / unit
    if land is not None:
        cost = cost + land_cost * land.share(boxes)
    cost = np.where(free, cost, np.inf)
    return int(np.argmin(cost))


def nearest_point(
    box: Sequence[float] | np.ndarray, point: Sequence[float] | np.ndarray
) -> tuple[float, float]:
    """Return the point of ``box`` nearest to ``point`` (for a leader line)."""
    x = min(max(point[0], box[0]), box[2])
    y = min(max(point[1], box[1]), box[3])
    return x, y
