def suggest_unit(item):
    return None
