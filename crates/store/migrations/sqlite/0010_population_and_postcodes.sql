-- Caseline schema 0010: facts about the authority rather than any child.
--
-- child_population_estimates: the ONS mid-year estimate of children aged 0 to 17
-- living in the area, the denominator of every rate per 10,000. One row per mid-year
-- (2024 for "mid-2024"), not a single figure, because a rate for a past window divides
-- by the estimate for its own time; changed by an administrator, audited.
--
-- postcode_centroids: where postcodes are on the British National Grid (metres east
-- and north), for the SSDA903 distance from home to placement. An area is a full
-- postcode ("CL3 4AB", from the ONS Postcode Directory), a sector ("CL3 4") or a
-- district ("CL3"); a postcode with no centroid of its own is placed by its sector's,
-- else its district's. kind says which.

CREATE TABLE child_population_estimates (
    mid_year INTEGER NOT NULL,
    children INTEGER NOT NULL,
    source TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    PRIMARY KEY (mid_year),
    CHECK (children > 0)
);

CREATE TABLE postcode_centroids (
    area TEXT NOT NULL,
    kind TEXT NOT NULL,
    easting INTEGER NOT NULL,
    northing INTEGER NOT NULL,
    PRIMARY KEY (area),
    CHECK (kind IN ('postcode', 'sector', 'district'))
);
