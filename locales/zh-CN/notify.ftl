# 通知（crates/notify）：站内信、电子邮件和订阅源使用这些句子。
notify-eligible = 您现在可能符合条件：{ $measure }
notify-lost-not_eligible = 您不再符合条件：{ $measure }
notify-lost-undetermined = 需要更多信息才能判断：{ $measure }
notify-lost-withdrawn = 该措施已不在规则中：{ $measure }
notify-deadline-case = 办结期限 { $date }：{ $kind }
notify-deadline-reminder = { $date } 到期：{ $what }
notify-intro = onestop 已按 { $date } 有效的规则比对您的资料。
notify-why = 原因（说明）：{ $url }
notify-apply = 通过“一窗受理”申请：{ $url }
notify-case = 您的办件：{ $url }
notify-footer = 您收到此消息，是因为您选择了以下类别：{ $groups }。修改选择：{ $url }
notify-subject = onestop：{ $title }
notify-feed-title = onestop 给 { $name } 的通知
notify-group-talent = 人才
notify-group-enterprise = 企业
notify-group-project = 科研项目
notify-group-gov = 政府服务
