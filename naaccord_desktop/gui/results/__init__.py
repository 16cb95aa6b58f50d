"""What a check found: verdict banners, findings, variables, patient IDs, file facts."""
