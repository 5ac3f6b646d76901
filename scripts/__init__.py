"""Builder, validator and publisher for the jd-wechat-commentary dataset."""
