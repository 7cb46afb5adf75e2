"""Unit conversions against the paired values printed by the American Diabetes Association."""

import pytest

from evidence import units


@pytest.mark.parametrize("mg_per_dl, mmol_per_l", [(126, 7.0), (200, 11.1), (100, 5.6), (140, 7.8), (54, 3.0)])
def test_glucose_matches_the_ada_pairs_to_one_decimal(mg_per_dl, mmol_per_l):
    assert round(units.glucose_mg_dl_to_mmol_l(mg_per_dl), 1) == mmol_per_l


def test_glucose_round_trip_and_factor():
    assert units.glucose_mmol_l_to_mg_dl(1) == pytest.approx(18.016)
    assert units.glucose_mg_dl_to_mmol_l(units.glucose_mmol_l_to_mg_dl(16.9)) == pytest.approx(16.9)


@pytest.mark.parametrize("percent, mmol_per_mol", [(6.5, 48), (7.0, 53), (5.7, 39)])
def test_hba1c_matches_the_ada_pairs(percent, mmol_per_mol):
    assert round(units.hba1c_percent_to_mmol_mol(percent)) == mmol_per_mol


def test_c_peptide_by_hand():
    # 331 pmol/L is the commonly quoted equivalent of 1 ng/mL: 331 × 3020.3 / 1e6 = 0.9997.
    assert units.c_peptide_pmol_l_to_ng_ml(331) == pytest.approx(1.0, abs=0.001)
