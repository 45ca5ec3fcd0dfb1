<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AcceptDialog</name>
    <message>
        <source>Confirm that this request is accepted. It is then dispatched to a handling unit, whose deadline runs from when it receives the work order (YJ12345 art. 8, art. 10).</source>
        <translation>确认受理此件诉求。受理后转办承办单位，承办单位的办理期限自其收到工单时起算（YJ12345 art. 8、art. 10）。</translation>
    </message>
    <message>
        <source>Dispatch deadline</source>
        <translation>转办期限</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>{title} — case {number}</source>
        <translation>{title} — 案件 {number}</translation>
    </message>
    <message>
        <source>Loading handling units…</source>
        <translation>正在读取承办单位…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Accept…</source>
        <translation>受理(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quick answer…</source>
        <translation>即时答复(&amp;Q)…</translation>
    </message>
    <message>
        <source>Request &amp;materials…</source>
        <translation>一次性告知补正(&amp;M)…</translation>
    </message>
    <message>
        <source>Materials &amp;supplied…</source>
        <translation>补正完成(&amp;S)…</translation>
    </message>
    <message>
        <source>Treat as &amp;withdrawn…</source>
        <translation>视为撤回(&amp;W)…</translation>
    </message>
    <message>
        <source>Decli&amp;ne…</source>
        <translation>不予受理(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Dispatch…</source>
        <translation>转办(&amp;D)…</translation>
    </message>
    <message>
        <source>Record &amp;contact…</source>
        <translation>登记联系(&amp;C)…</translation>
    </message>
    <message>
        <source>Request &amp;extension…</source>
        <translation>申请延期(&amp;E)…</translation>
    </message>
    <message>
        <source>Decide e&amp;xtension…</source>
        <translation>审批延期(&amp;X)…</translation>
    </message>
    <message>
        <source>Reques&amp;t return…</source>
        <translation>申请退回(&amp;T)…</translation>
    </message>
    <message>
        <source>Decide &amp;return…</source>
        <translation>审批退回(&amp;R)…</translation>
    </message>
    <message>
        <source>Su&amp;bmit result…</source>
        <translation>提交办理结果(&amp;B)…</translation>
    </message>
    <message>
        <source>Re&amp;view…</source>
        <translation>审核(&amp;V)…</translation>
    </message>
    <message>
        <source>Eva&amp;luation…</source>
        <translation>评价(&amp;J)…</translation>
    </message>
    <message>
        <source>Req&amp;uest redo…</source>
        <translation>申请重办(&amp;U)…</translation>
    </message>
    <message>
        <source>Approve or den&amp;y redo…</source>
        <translation>审核重办(&amp;Y)…</translation>
    </message>
    <message>
        <source>Arc&amp;hive…</source>
        <translation>归档(&amp;G)…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Please choose</source>
        <translation>请选择</translation>
    </message>
    <message>
        <source>Please choose a handling unit</source>
        <translation>请选择承办单位</translation>
    </message>
    <message>
        <source>No handling unit to choose</source>
        <translation>没有可选的承办单位</translation>
    </message>
    <message>
        <source>Cannot load the handling units</source>
        <translation>无法读取承办单位</translation>
    </message>
    <message>
        <source>Record contact</source>
        <translation>登记联系</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Submit result</source>
        <translation>提交办理结果</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Record evaluation</source>
        <translation>登记评价</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Show identity</source>
        <translation>显示身份信息</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Request materials</source>
        <translation>一次性告知补正</translation>
    </message>
    <message>
        <source>Issue notice</source>
        <translation>告知补正</translation>
    </message>
    <message>
        <source>Materials supplied</source>
        <translation>补正完成</translation>
    </message>
    <message>
        <source>Materials supplied, accept</source>
        <translation>补正完成并受理</translation>
    </message>
    <message>
        <source>Treat as withdrawn</source>
        <translation>视为撤回</translation>
    </message>
    <message>
        <source>Quick answer</source>
        <translation>即时答复</translation>
    </message>
    <message>
        <source>Answer and close</source>
        <translation>答复并办结</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>转办</translation>
    </message>
    <message>
        <source>Request return</source>
        <translation>申请退回</translation>
    </message>
    <message>
        <source>Decide return</source>
        <translation>审批退回</translation>
    </message>
    <message>
        <source>Request extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <source>Decide extension</source>
        <translation>审批延期</translation>
    </message>
    <message>
        <source>Record verification result</source>
        <translation>登记核查结果</translation>
    </message>
    <message>
        <source>Decide the reward</source>
        <translation>作出奖励决定</translation>
    </message>
    <message>
        <source>Decide</source>
        <translation>作出决定</translation>
    </message>
    <message>
        <source>Record notice</source>
        <translation>登记送达</translation>
    </message>
    <message>
        <source>Check identity at the counter</source>
        <translation>现场核验身份</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Approve payout</source>
        <translation>审批发放</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Pay the award</source>
        <translation>发放奖金</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>发放</translation>
    </message>
    <message>
        <source>Mark fraudulent</source>
        <translation>认定弄虚作假</translation>
    </message>
    <message>
        <source>Cancel: reporter unreachable</source>
        <translation>无法联系举报人，取消奖励</translation>
    </message>
    <message>
        <source>Cancel the award</source>
        <translation>取消奖励</translation>
    </message>
    <message>
        <source>Declare a relative</source>
        <translation>登记申报亲属</translation>
    </message>
    <message>
        <source>Receive an objection</source>
        <translation>受理申诉</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Review the objection</source>
        <translation>复核申诉</translation>
    </message>
    <message>
        <source>Record the review</source>
        <translation>登记复核结果</translation>
    </message>
    <message>
        <source>Request redo</source>
        <translation>申请重办</translation>
    </message>
    <message>
        <source>Decide redo</source>
        <translation>审核重办</translation>
    </message>
    <message>
        <source>Save decision</source>
        <translation>保存决定</translation>
    </message>
</context>
<context>
    <name>AddUnitDialog</name>
    <message>
        <source>Add handling unit</source>
        <translation>新增承办单位</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Letters or digits, e.g. CJB</source>
        <translation>字母或数字，例如 CJB</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>代码：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Head:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>联系电话：</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>For signing in, e.g. li.clerk</source>
        <translation>登录用，例如 li.clerk</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Initial password:</source>
        <translation>初始密码：</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <source>Tell the user the initial password in person.</source>
        <translation>请把初始密码当面告知本人。</translation>
    </message>
</context>
<context>
    <name>AnswerAtOnceDialog</name>
    <message>
        <source>An enquiry can be answered on the spot and closed; the answer is recorded as the result (YJ12345 art. 9(1)1).</source>
        <translation>咨询类诉求可当场答复并办结；答复内容记入办理结果（YJ12345 art. 9(1)1）。</translation>
    </message>
    <message>
        <source>Enquiry</source>
        <translation>咨询内容</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复内容</translation>
    </message>
    <message>
        <source>The answer given to the requester</source>
        <translation>告知诉求人的答复</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>The check of the database found damage. Please do not delete anything: finish what you are entering, then close TownDesk and start it again; it will then offer to restore the newest good backup.</source>
        <translation>数据库检查发现损坏。请不要删除任何文件：先把正在录入的内容录完，然后关闭并重新启动本程序，届时程序会提示恢复最近一份可用的备份。</translation>
    </message>
    <message>
        <source>An internal error occurred; the last operation did not save or change any data.
The details are in the log file; please give the log to the administrator:
{log_file}</source>
        <translation>程序发生内部错误，刚才的操作没有保存或更改任何数据。
错误详情已记录在日志文件中，请将日志交给管理员：
{log_file}</translation>
    </message>
    <message>
        <source>Cannot complete the operation</source>
        <translation>无法完成操作</translation>
    </message>
    <message>
        <source>Internal error</source>
        <translation>内部错误</translation>
    </message>
    <message>
        <source>TownDesk</source>
        <translation>TownDesk 便民服务中心窗口系统</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>The database is damaged and no usable backup was found in {folder}.
Please do not delete anything: copy the whole data folder {data_dir} and ask for technical support.</source>
        <translation>数据库已损坏，且在 {folder} 中找不到可用的备份。
请不要删除任何文件：把整个数据文件夹 {data_dir} 复制保存，并联系技术支持。</translation>
    </message>
    <message>
        <source>The database is damaged and cannot be used safely.

The newest good backup is from {time} ({reason}). Restore it? Whatever was entered after that time must be entered again. The damaged file is kept in the backup folder.</source>
        <translation>数据库已损坏，不能继续安全使用。

最新的完好备份是 {time}（{reason}）。是否从该备份恢复？该时间之后录入的内容需要重新录入。损坏的文件会保留在备份文件夹中。</translation>
    </message>
    <message>
        <source>Restore the backup of {time}</source>
        <translation>恢复 {time} 的备份</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>The daily backup failed</source>
        <translation>每日自动备份失败</translation>
    </message>
    <message>
        <source>Backing up before closing…</source>
        <translation>正在关闭前备份…</translation>
    </message>
    <message>
        <source>The backup on exit failed</source>
        <translation>关闭时的备份失败</translation>
    </message>
    <message>
        <source>{reason}

Everything is saved in the database; only the backup copy is missing. An administrator can check the backup folder under Settings › Backup.</source>
        <translation>{reason}

所有数据都已保存在数据库中，只是缺少这一份备份。请管理员在 设置 › 备份 中检查备份文件夹。</translation>
    </message>
    <message>
        <source>Backing up and upgrading the database…</source>
        <translation>正在备份并升级数据库…</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Cannot open or upgrade the database:
{url}

Please check that the database file or server is available and can be read and written, then start again.
The details are in the log: {log_file}</source>
        <translation>无法打开或升级数据库：
{url}

请检查数据库文件或服务器是否可用、是否有读写权限，然后重新启动。
错误详情见日志：{log_file}</translation>
    </message>
</context>
<context>
    <name>ApproveDialog</name>
    <message>
        <source>The payout is approved by a supervisor other than the one who decided it.</source>
        <translation>奖金发放须由作出奖励决定者以外的另一名负责人审批。</translation>
    </message>
</context>
<context>
    <name>AttachmentBox</name>
    <message>
        <source>Delete removes the selected attachments</source>
        <translation>Delete 键移除选中的附件</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Choose attachments</source>
        <translation>选择附件</translation>
    </message>
    <message>
        <source>All files (*);;Images (*.jpg *.jpeg *.png);;PDF (*.pdf)</source>
        <translation>所有文件 (*);;图片 (*.jpg *.jpeg *.png);;PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <source>Internal error: nothing was saved or changed.
The details are in the log file; please give the log to the administrator.</source>
        <translation>内部错误，没有保存或更改任何数据。
错误详情已记录在日志文件中，请将日志交给管理员。</translation>
    </message>
    <message>
        <source>Internal error</source>
        <translation>内部错误</translation>
    </message>
    <message>
        <source>Cannot complete the operation</source>
        <translation>无法完成操作</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>By hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>On exit</source>
        <translation>关闭时</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>Before upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>Before restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Damaged database (kept)</source>
        <translation>损坏的数据库（留存）</translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation>✓ 已校验</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Integrity check passed and row counts matched: {rows} rows</source>
        <translation>完整性检查通过，行数一致：共 {rows} 行</translation>
    </message>
    <message>
        <source>No manifest: not checked when it was made</source>
        <translation>无说明文件：备份时未经校验</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <source>Choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <source>Empty: the backups folder in the data folder</source>
        <translation>不填：数据文件夹中的 backups 文件夹</translation>
    </message>
    <message>
        <source> backups</source>
        <translation> 份</translation>
    </message>
    <message>
        <source>Keep:</source>
        <translation>保留：</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Every backup is checked (integrity check and row counts) before it is kept. TownDesk backs up by itself when the program closes, once a day, and before upgrading the database; the oldest backups beyond the number kept are deleted (the newest of each of the last days stays). Choose a folder on another disk or a USB stick so that a broken disk does not take the backups with it.
Database: {database}</source>
        <translation>每份备份在保存前都经过校验（完整性检查和行数核对）。程序在关闭时、每天一次以及升级数据库之前自动备份；超出保留份数的最旧备份会被删除（最近几天每天最新的一份始终保留）。请选择另一块硬盘或 U 盘上的文件夹，以免硬盘损坏时备份一同丢失。
数据库：{database}</translation>
    </message>
    <message>
        <source>Saved: backups go to {folder}, the newest {count} are kept.</source>
        <translation>已保存：备份存放在 {folder}，保留最新的 {count} 份。</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup made and verified: {file} ({size}).</source>
        <translation>已备份并校验：{file}（{size}）。</translation>
    </message>
    <message>
        <source>Choose a backup file</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <source>TownDesk backups (towndesk-*.db towndesk-*.dump *.db *.dump)</source>
        <translation>TownDesk 备份 (towndesk-*.db towndesk-*.dump *.db *.dump)</translation>
    </message>
    <message>
        <source>unknown time (not a TownDesk backup name)</source>
        <translation>时间不详（不是 TownDesk 的备份文件名）</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Restore the database to the backup of {time}?</source>
        <translation>把数据库恢复到 {time} 的备份吗？</translation>
    </message>
    <message>
        <source>Everything entered after {time} will be gone from the database. The current database is backed up first (reason: before restore), so this can be undone. Afterwards the program closes and must be started again.
File: {file}</source>
        <translation>{time} 之后录入的内容将从数据库中消失。恢复前会先备份当前数据库（原因：恢复前），因此可以撤销。恢复后程序将关闭，需要重新启动。
文件：{file}</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Checking the backup and restoring…</source>
        <translation>正在校验备份并恢复…</translation>
    </message>
    <message>
        <source>Restored the backup of {time}.</source>
        <translation>已恢复 {time} 的备份。</translation>
    </message>
    <message>
        <source>Database restored</source>
        <translation>数据库已恢复</translation>
    </message>
    <message>
        <source>The database was restored to the backup of {time}. The program will now close; please start it again.
The database as it was before is kept as: {file}</source>
        <translation>数据库已恢复到 {time} 的备份。程序现在将关闭，请重新启动。
恢复前的数据库另存为：{file}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Backup location:</source>
        <translation>备份位置：</translation>
    </message>
</context>
<context>
    <name>BatchPrintDialog</name>
    <message>
        <source>Document {number}</source>
        <translation>第 {number} 份</translation>
    </message>
    <message>
        <source>Batch print — {title}</source>
        <translation>批量打印 — {title}</translation>
    </message>
    <message>
        <source>{title} ({count} documents)</source>
        <translation>{title}（{count} 份）</translation>
    </message>
    <message>
        <source>There is no document to print.</source>
        <translation>没有需要打印的文书。</translation>
    </message>
    <message>
        <source>No document was issued.
{reason}</source>
        <translation>没有生成任何文书。
{reason}</translation>
    </message>
    <message>
        <source>Batch printing failed</source>
        <translation>批量打印失败</translation>
    </message>
</context>
<context>
    <name>CallbackAttemptDialog</name>
    <message>
        <source>Call-back — case {number}</source>
        <translation>回访 — 案件 {number}</translation>
    </message>
    <message>
        <source>No limit ({article})</source>
        <translation>未规定期限（{article}）</translation>
    </message>
    <message>
        <source>Loading earlier attempts…</source>
        <translation>正在读取以往回访记录…</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>已联系上</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>未联系上</translation>
    </message>
    <message>
        <source>e.g. no answer, phone switched off, asked to call later</source>
        <translation>如：无人接听、关机、约定稍后再打</translation>
    </message>
    <message>
        <source>Record the evaluation after handling now</source>
        <translation>现在登记办结后评价</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Submitter</source>
        <translation>诉求人</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Call back by</source>
        <translation>回访期限</translation>
    </message>
    <message>
        <source>Earlier attempts</source>
        <translation>以往回访</translation>
    </message>
    <message>
        <source>Time of the call</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Record attempt</source>
        <translation>登记回访</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>暂无</translation>
    </message>
</context>
<context>
    <name>CallbackList</name>
    <message>
        <source>Completed cases whose submitter has not yet been called back and asked for an evaluation. Every attempt is recorded with its time and outcome; under rules that set one, the call-by date is coloured when due soon or overdue, and a submitter unreachable by phone on consecutive days counts as answered.</source>
        <translation>已办结、尚未回访并征询评价的案件。每次回访均登记时间和结果；规则规定回访期限的，临近或超过期限时以颜色提示；连续多日电话联系不上诉求人的，视为已答复。</translation>
    </message>
    <message>
        <source>Log attempt…</source>
        <translation>登记回访…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Submitter</source>
        <translation>诉求人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Call back by</source>
        <translation>回访期限</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>回访次数</translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation>最近一次回访</translation>
    </message>
    <message>
        <source>No completed case is waiting for a call-back.</source>
        <translation>没有待回访的办结案件。</translation>
    </message>
    <message>
        <source>{count} ({days}/{needed} days not reached)</source>
        <translation>{count}（已连续 {days}/{needed} 日未联系上）</translation>
    </message>
    <message>
        <source> — evaluation not recorded yet</source>
        <translation>——尚未登记评价</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>未规定期限</translation>
    </message>
    <message>
        <source> (provisional)</source>
        <translation>（暂定）</translation>
    </message>
    <message>
        <source>{count} cases to call back</source>
        <translation>待回访 {count} 件</translation>
    </message>
    <message>
        <source>, {overdue} overdue</source>
        <translation>，其中超期 {overdue} 件</translation>
    </message>
</context>
<context>
    <name>CancelUnreachableDialog</name>
    <message>
        <source>An award whose notice could not be delivered is cancelled once 30 days have passed after the case&apos;s closing date (FIRE art. 10), that is after {day}. Say what was tried.</source>
        <translation>领奖通知无法送达的，自结案之日起满30日后取消奖励（FIRE art. 10），即 {day} 之后。请写明联系经过。</translation>
    </message>
    <message>
        <source>Attempts and outcome</source>
        <translation>联系经过及结果</translation>
    </message>
</context>
<context>
    <name>CaseDetail</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Added at</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>添加人</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CaseDetailDialog</name>
    <message>
        <source>Case {number}</source>
        <translation>案件 {number}</translation>
    </message>
</context>
<context>
    <name>CaseDetailView</name>
    <message>
        <source>&amp;History</source>
        <translation>办理过程(&amp;H)</translation>
    </message>
    <message>
        <source>Status: {state} ({group})</source>
        <translation>状态：{state}（{group}）</translation>
    </message>
    <message>
        <source>Query code {code}</source>
        <translation>查询码 {code}</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Registered:</source>
        <translation>登记：</translation>
    </message>
    <message>
        <source>{when}, {who}</source>
        <translation>{when}，{who}</translation>
    </message>
    <message>
        <source> (designated by the centre, cannot be returned)</source>
        <translation>（中心指定，不得退回）</translation>
    </message>
    <message>
        <source>Handling unit:</source>
        <translation>承办单位：</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
    <message>
        <source>Closed:</source>
        <translation>办结时间：</translation>
    </message>
    <message>
        <source>Ended:</source>
        <translation>终结时间：</translation>
    </message>
    <message>
        <source>Declined:</source>
        <translation>不予受理：</translation>
    </message>
    <message>
        <source>{ground}
Reason: {reason}</source>
        <translation>{ground}
理由：{reason}</translation>
    </message>
    <message>
        <source>Materials to supplement:</source>
        <translation>需补正材料：</translation>
    </message>
    <message>
        <source>Rule profile:</source>
        <translation>规则配置：</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>举报人</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>诉求人</translation>
    </message>
    <message>
        <source>Anonymous (the result can be looked up with query code {code})</source>
        <translation>匿名（凭查询码 {code} 查询办理结果）</translation>
    </message>
    <message>
        <source>First co-signer</source>
        <translation>第一联名人</translation>
    </message>
    <message>
        <source>Co-signer {position}</source>
        <translation>联名人 {position}</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>证件：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>住址：</translation>
    </message>
    <message>
        <source>Born:</source>
        <translation>出生：</translation>
    </message>
    <message>
        <source>Show &amp;identity…</source>
        <translation>显示身份信息(&amp;I)…</translation>
    </message>
    <message>
        <source>⚠ The identity details above are unmasked; this viewing has been recorded in the history</source>
        <translation>⚠ 以上为未遮盖的身份信息，本次查看已记入办理过程</translation>
    </message>
    <message>
        <source>Shows the unmasked identity details once a reason is given; the viewing is recorded in the history (RULES §5)</source>
        <translation>写明事由后显示未遮盖的身份信息，查看记入办理过程（RULES §5）</translation>
    </message>
    <message>
        <source>An anonymous request has no identity details</source>
        <translation>匿名诉求没有身份信息</translation>
    </message>
    <message>
        <source>Only supervisors and administrators may view unmasked identity details (RULES §5)</source>
        <translation>仅负责人和管理员可以查看未遮盖的身份信息（RULES §5）</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>发生时间：</translation>
    </message>
    <message>
        <source>Where:</source>
        <translation>地点：</translation>
    </message>
    <message>
        <source>Facts:</source>
        <translation>事实：</translation>
    </message>
    <message>
        <source>Wanted outcome:</source>
        <translation>诉求：</translation>
    </message>
    <message>
        <source>Tip-off</source>
        <translation>举报信息</translation>
    </message>
    <message>
        <source>Reported unit:</source>
        <translation>被举报单位：</translation>
    </message>
    <message>
        <source>Unit address:</source>
        <translation>单位地址：</translation>
    </message>
    <message>
        <source>Hazard category:</source>
        <translation>隐患类别：</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>证据：</translation>
    </message>
    <message>
        <source>   first report</source>
        <translation>&#x3000;首次举报</translation>
    </message>
    <message>
        <source>   linked through the group</source>
        <translation>&#x3000;经同组举报关联</translation>
    </message>
    <message>
        <source>This case is the first report</source>
        <translation>本件为首次举报</translation>
    </message>
    <message>
        <source>The first report is {number}</source>
        <translation>首次举报为 {number}</translation>
    </message>
    <message>
        <source>{first}; only the first reporter of a hazard can be rewarded (FIRE art. 6).</source>
        <translation>{first}；同一隐患仅首次举报人可获奖励（FIRE art. 6）。</translation>
    </message>
    <message>
        <source>Duplicates:</source>
        <translation>重复举报：</translation>
    </message>
    <message>
        <source>Not linked to other tip-offs</source>
        <translation>未关联其他举报</translation>
    </message>
    <message>
        <source>Reward:</source>
        <translation>举报奖励：</translation>
    </message>
    <message>
        <source>Not registered for a reward</source>
        <translation>未登记举报奖励</translation>
    </message>
    <message>
        <source>Open reward…</source>
        <translation>打开举报奖励…</translation>
    </message>
    <message>
        <source>Register for a reward…</source>
        <translation>登记举报奖励…</translation>
    </message>
    <message>
        <source>Register the tip-off for a reward and send it to the fire brigade to verify (FIRE art. 9)</source>
        <translation>将本举报登记举报奖励，并转消防救援机构核查（FIRE art. 9）</translation>
    </message>
    <message>
        <source>Cannot register for a reward</source>
        <translation>无法登记举报奖励</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>No deadline is running</source>
        <translation>没有计时中的期限</translation>
    </message>
    <message>
        <source>Extensions and returns</source>
        <translation>延期与退回</translation>
    </message>
    <message>
        <source>{when} {who} asked for {days} more working days — {status}</source>
        <translation>{when} {who} 申请延长 {days} 个工作日 — {status}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>理由：{reason}</translation>
    </message>
    <message>
        <source>Basis: {basis}</source>
        <translation>依据：{basis}</translation>
    </message>
    <message>
        <source>Deadline if approved: {due}</source>
        <translation>同意后办结期限：{due}</translation>
    </message>
    <message>
        <source>Decided: {who}, {when}</source>
        <translation>审批：{who}，{when}</translation>
    </message>
    <message>
        <source>, {note}</source>
        <translation>，{note}</translation>
    </message>
    <message>
        <source>Extension:</source>
        <translation>延期：</translation>
    </message>
    <message>
        <source>{when} {unit} asked to return it — {status}</source>
        <translation>{when} {unit} 申请退回 — {status}</translation>
    </message>
    <message>
        <source>, reassigned to {unit}</source>
        <translation>，改派至{unit}</translation>
    </message>
    <message>
        <source>Return:</source>
        <translation>退回：</translation>
    </message>
    <message>
        <source>Contacts and results</source>
        <translation>联系与办理结果</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>联系：</translation>
    </message>
    <message>
        <source>{when} submitted by {who} — {review}</source>
        <translation>{when} {who} 提交 — {review}</translation>
    </message>
    <message>
        <source>Handled at: {when}</source>
        <translation>办理时间：{when}</translation>
    </message>
    <message>
        <source>Method: {method}</source>
        <translation>办理方式：{method}</translation>
    </message>
    <message>
        <source>Result: {outcome}</source>
        <translation>办理结果：{outcome}</translation>
    </message>
    <message>
        <source>Reviewed: {who}, {when}</source>
        <translation>审核：{who}，{when}</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Reasons: {tags}</source>
        <translation>评价理由：{tags}</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重办</translation>
    </message>
    <message>
        <source>{when} {who} recorded a redo request ({method}, rating {level}) — {status}</source>
        <translation>{when} {who} 登记重办申请（{method}，评价为{level}）——{status}</translation>
    </message>
    <message>
        <source>Requester&apos;s reason: {reason}</source>
        <translation>诉求人理由：{reason}</translation>
    </message>
    <message>
        <source>Confirmed: the dissatisfaction was caused by the unit</source>
        <translation>已确认：不满意系承办单位原因所致</translation>
    </message>
    <message>
        <source>Confirmed: the unit did not follow the redo instructions</source>
        <translation>已确认：承办单位未按重办要求办理</translation>
    </message>
    <message>
        <source>Back to {unit}; new deadline {due} (was {previous})</source>
        <translation>退回{unit}重办；新期限 {due}（原为 {previous}）</translation>
    </message>
    <message>
        <source>Redo request {n}:</source>
        <translation>第 {n} 次重办申请：</translation>
    </message>
    <message>
        <source>Redos:</source>
        <translation>重办：</translation>
    </message>
    <message>
        <source>{granted} of {max} granted ({article})</source>
        <translation>已重办 {granted} 次，最多 {max} 次（{article}）</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>No attachments</source>
        <translation>暂无附件</translation>
    </message>
    <message>
        <source>&amp;Open attachment</source>
        <translation>打开附件(&amp;O)</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>添加附件(&amp;F)…</translation>
    </message>
    <message>
        <source>Additional evidence: copied into the data folder and recorded in the history</source>
        <translation>补充的证据材料，复制到数据文件夹保存并记入办理过程</translation>
    </message>
    <message>
        <source>Cannot refresh the case</source>
        <translation>无法刷新案件</translation>
    </message>
    <message>
        <source>Choose the file to open in the attachment list first</source>
        <translation>请先在附件列表中选择要打开的文件</translation>
    </message>
    <message>
        <source>Opening “{name}”…</source>
        <translation>正在打开「{name}」…</translation>
    </message>
    <message>
        <source>No program can open “{name}”; the file has been copied to:
{path}</source>
        <translation>没有可以打开「{name}」的程序，文件已复制到：
{path}</translation>
    </message>
    <message>
        <source>Cannot open the attachment</source>
        <translation>无法打开附件</translation>
    </message>
    <message>
        <source>The attachment operation did not complete</source>
        <translation>附件操作未完成</translation>
    </message>
    <message>
        <source>Add attachments</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Adding {count} attachments…</source>
        <translation>正在添加 {count} 个附件…</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <source>Issue or reprint this case&apos;s documents; preview, then print (Ctrl+P)</source>
        <translation>出具或补打本案的文书，先预览再打印（Ctrl+P）</translation>
    </message>
    <message>
        <source>No document can be printed now</source>
        <translation>当前没有可打印的文书</translation>
    </message>
    <message>
        <source>Reprint the acceptance receipt…</source>
        <translation>补打受理回执…</translation>
    </message>
    <message>
        <source>Printed again with the original number, marked “reprint” on the receipt, and recorded in the history</source>
        <translation>原编号重新打印，回执上注明“补打”，并记入办理过程</translation>
    </message>
    <message>
        <source>Reprinting {document}…</source>
        <translation>正在补打{document}…</translation>
    </message>
    <message>
        <source>Issuing {document}…</source>
        <translation>正在生成{document}…</translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
</context>
<context>
    <name>CaseList</name>
    <message>
        <source>The case list could not be read</source>
        <translation>案件列表读取失败</translation>
    </message>
    <message>
        <source>Case number / name / phone / last ID digits / content</source>
        <translation>案件编号 / 姓名 / 电话 / 身份证后几位 / 内容</translation>
    </message>
    <message>
        <source>Searches shortly after you type; Enter searches at once (Ctrl+F comes back here)</source>
        <translation>输入后稍候即自动查找；按 Enter 立即查找（Ctrl+F 回到此处）</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Save the cases of the current filter, in this order, as a workbook</source>
        <translation>把当前筛选出的案件按当前顺序存为 Excel 工作簿</translation>
    </message>
    <message>
        <source>Case list.xlsx</source>
        <translation>案件清单.xlsx</translation>
    </message>
    <message>
        <source>The workbook was not written</source>
        <translation>工作簿未能写出</translation>
    </message>
    <message>
        <source>Case list saved: {path}</source>
        <translation>案件清单已保存：{path}</translation>
    </message>
    <message>
        <source>Writing the case list…</source>
        <translation>正在写出案件清单…</translation>
    </message>
</context>
<context>
    <name>CaseSelectionDialog</name>
    <message>
        <source>{label} ({count} cases)</source>
        <translation>{label}（{count} 件）</translation>
    </message>
    <message>
        <source>{hint}. Double-click or press Enter to open a case.</source>
        <translation>{hint}。双击或按 Enter 打开案件。</translation>
    </message>
    <message>
        <source>Cannot load the cases</source>
        <translation>无法读取案件</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>诉求人</translation>
    </message>
    <message>
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>内容摘要</translation>
    </message>
    <message>
        <source>Click to sort by this column</source>
        <translation>点击按此列排序</translation>
    </message>
</context>
<context>
    <name>CentreTab</name>
    <message>
        <source>e.g. Service Centre of X Town, Jiangcheng District, Yangjiang</source>
        <translation>例如：阳江市江城区某镇便民服务中心</translation>
    </message>
    <message>
        <source>2–12 letters or digits, e.g. JCZ01</source>
        <translation>2–12 位字母或数字，例如 JCZ01</translation>
    </message>
    <message>
        <source>e.g. 江城便民</source>
        <translation>例如：江城便民</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
    <message>
        <source>Receipt number preview:</source>
        <translation>回执编号预览：</translation>
    </message>
    <message>
        <source>Case number preview:</source>
        <translation>案件编号预览：</translation>
    </message>
    <message>
        <source>The centre&apos;s name, address and phone are printed in the heading and the signature of every document; the document number prefix goes before the document class character (受, 转, 催…); the centre code starts every case number, and a change applies only to cases registered afterwards.</source>
        <translation>中心名称、地址和电话印在每一份文书的抬头和落款；文书编号前缀加在文书类别字（受、转、催……）之前；中心代码是案件编号的开头，修改后只影响此后登记的案件。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Saved: {names}.</source>
        <translation>已保存：{names}。</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有改动。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change my password — {name}</source>
        <translation>修改我的密码 — {name}</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <source>The new password applies from your next sign-in; keep it to yourself.</source>
        <translation>新密码下次登录时生效，请勿告诉他人。</translation>
    </message>
</context>
<context>
    <name>ClaimDialog</name>
    <message>
        <source>Tip-off reward</source>
        <translation>举报奖励</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Brigade&apos;s verification</source>
        <translation>消防救援机构核查结果</translation>
    </message>
    <message>
        <source>Computation of the award</source>
        <translation>奖励金额计算</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Reporters&apos; shares</source>
        <translation>举报人奖金份额</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>举报人</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Award (yuan)</source>
        <translation>奖金（元）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Declared relatives</source>
        <translation>申报亲属</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <source>Record verification…</source>
        <translation>登记核查结果…</translation>
    </message>
    <message>
        <source>Decide the reward…</source>
        <translation>作出奖励决定…</translation>
    </message>
    <message>
        <source>Record notice…</source>
        <translation>送达通知…</translation>
    </message>
    <message>
        <source>Check identity at counter…</source>
        <translation>现场核验身份…</translation>
    </message>
    <message>
        <source>Approve payout…</source>
        <translation>审批…</translation>
    </message>
    <message>
        <source>Pay…</source>
        <translation>支付…</translation>
    </message>
    <message>
        <source>Declare a relative…</source>
        <translation>登记申报亲属…</translation>
    </message>
    <message>
        <source>Cancel: unreachable…</source>
        <translation>无法联系取消…</translation>
    </message>
    <message>
        <source>Receive objection…</source>
        <translation>受理申诉…</translation>
    </message>
    <message>
        <source>Review objection…</source>
        <translation>复核申诉…</translation>
    </message>
    <message>
        <source>Mark fraudulent…</source>
        <translation>认定虚假…</translation>
    </message>
    <message>
        <source>Print {document}…</source>
        <translation>打印{document}…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Tip-off reward — case {number}</source>
        <translation>举报奖励 — 案件 {number}</translation>
    </message>
    <message>
        <source>Case {number} · {unit} · state: {state}</source>
        <translation>案件 {number} · {unit} · 状态：{state}</translation>
    </message>
    <message>
        <source>Not filed by the brigade yet.</source>
        <translation>消防救援机构尚未反馈核查结果。</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>查证属实</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>查证不属实</translation>
    </message>
    <message>
        <source>penalty decision {number} of {date}, fine {fine} yuan</source>
        <translation>处罚决定书 {number}（{date}），罚款 {fine} 元</translation>
    </message>
    <message>
        <source>no penalty imposed</source>
        <translation>未作出消防行政处罚</translation>
    </message>
    <message>
        <source>{found}; {penalty}; {brigade}; closed on {closing}; filed on {filed}</source>
        <translation>{found}；{penalty}；{brigade}；结案日期 {closing}；备案日期 {filed}</translation>
    </message>
    <message>
        <source>Award: {total} yuan</source>
        <translation>奖励金额：{total} 元</translation>
    </message>
    <message>
        <source>Not eligible: {reasons}</source>
        <translation>不予奖励：{reasons}</translation>
    </message>
    <message>
        <source>Not decided yet.</source>
        <translation>尚未作出奖励决定。</translation>
    </message>
    <message>
        <source>Notified on {at}</source>
        <translation>已于 {at} 送达</translation>
    </message>
    <message>
        <source>collect by {day}</source>
        <translation>领取期限至 {day}</translation>
    </message>
    <message>
        <source>objection possible until {day} (RULES §3)</source>
        <translation>可于 {day} 前申诉（RULES §3）</translation>
    </message>
    <message>
        <source>Objection received {at} against {what}, waiting for review</source>
        <translation>已于 {at} 受理对{what}的申诉，等待复核</translation>
    </message>
    <message>
        <source>Ended: {state} — {reason}</source>
        <translation>已结束：{state}——{reason}</translation>
    </message>
    <message>
        <source>A reporter or a declared relative is on the exclusion register: flagged for review (FIRE art. 13).</source>
        <translation>举报人或其申报的亲属在排除名单中，已标记待复核（FIRE art. 13）。</translation>
    </message>
</context>
<context>
    <name>ClaimShareDialog</name>
    <message>
        <source>The reporter collects in person with the original of a valid ID (FIRE art. 10). Type the number on the ID presented.</source>
        <translation>举报人须本人持有效身份证件原件领取（FIRE art. 10）。请录入所出示证件上的号码。</translation>
    </message>
    <message>
        <source>ID number presented</source>
        <translation>出示的证件号码</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Archiving ends the case: no more handling can be recorded; records are kept at least 2 years after closing (JY12345 art. 5, art. 18).</source>
        <translation>归档后案件终结，不能再登记办理信息；记录自办结起至少保存 2 年（JY12345 art. 5、art. 18）。</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>未评价</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>{first} 至 {last}</translation>
    </message>
    <message>
        <source>{date} ({weekday})
{kind} {count} cases, {total} that day</source>
        <translation>{date}（{weekday}）
{kind} {count} 件，当日共 {total} 件</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>{month}/{day}/{year}</source>
        <translation>{year}年{month}月{day}日</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Registered in the last 30 days (by type)</source>
        <translation>近30天登记量（按类型）</translation>
    </message>
    <message>
        <source>Nothing was registered in the last 30 days.</source>
        <translation>近30天没有登记任何诉求。</translation>
    </message>
    <message>
        <source>Overdue cases by handling unit (click a bar to see them)</source>
        <translation>各承办单位超期件数（点击柱条查看）</translation>
    </message>
    <message>
        <source>No case is overdue at the moment.</source>
        <translation>目前没有超期案件。</translation>
    </message>
    <message>
        <source>Loading failed; press F5 to try again</source>
        <translation>读取失败，按 F5 重试</translation>
    </message>
    <message>
        <source>Cannot load the dashboard</source>
        <translation>无法读取工作台数据</translation>
    </message>
    <message>
        <source>{date} {weekday} · data as of {time} · press F5 to refresh</source>
        <translation>{date} {weekday} · 数据截至 {time} · 按 F5 刷新</translation>
    </message>
    <message>
        <source>Results to review {results} · returns {returns} · extensions {extensions}</source>
        <translation>结果待审核 {results} · 退回 {returns} · 延期 {extensions}</translation>
    </message>
</context>
<context>
    <name>DeadlineModel</name>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Current deadline</source>
        <translation>当前期限</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
</context>
<context>
    <name>DecideDialog</name>
    <message>
        <source>The program checks eligibility (FIRE art. 6–7) from the case, the brigade&apos;s filing, the duplicate reports and the exclusion register. Answer the two questions only the brigade can know, check the outcome, then decide.</source>
        <translation>系统根据案件、消防救援机构的备案、重复举报和排除名单审查奖励条件（FIRE art. 6–7）。请回答只有消防救援机构才能确认的两个问题，核对结论后再作出决定。</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Clue already known to the brigade</source>
        <translation>消防救援机构已掌握该线索</translation>
    </message>
    <message>
        <source>Already under investigation</source>
        <translation>已在查处中</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Not eligible:</source>
        <translation>不予奖励：</translation>
    </message>
    <message>
        <source>Decide not to award</source>
        <translation>作出不予奖励决定</translation>
    </message>
    <message>
        <source>Award {total} yuan</source>
        <translation>奖励 {total} 元</translation>
    </message>
    <message>
        <source>A reporter matches the exclusion register: the case will be flagged for review (FIRE art. 13).</source>
        <translation>举报人与排除名单匹配：本案将标记待复核（FIRE art. 13）。</translation>
    </message>
</context>
<context>
    <name>DecideExtensionDialog</name>
    <message>
        <source>If approved, the deadline moves and the requester must be told why; a refusal must state its reason ({article}).</source>
        <translation>同意后办结期限顺延，须告知诉求人延期理由；不同意的须写明理由（{article}）。</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>{who}, {when}</source>
        <translation>{who}，{when}</translation>
    </message>
    <message>
        <source>Extend by</source>
        <translation>延长</translation>
    </message>
    <message>
        <source>{days} working days</source>
        <translation>{days} 个工作日</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <source>{due} → {proposed} (if approved)</source>
        <translation>{due} → {proposed}（同意后）</translation>
    </message>
    <message>
        <source>Reason for extension</source>
        <translation>延期理由</translation>
    </message>
    <message>
        <source>Basis for extension</source>
        <translation>延期依据</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <source>Approve the extension</source>
        <translation>同意延期</translation>
    </message>
    <message>
        <source>Refuse the extension</source>
        <translation>不同意延期</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>State why the extension is refused (required)</source>
        <translation>请写明不同意延期的理由（必填）</translation>
    </message>
</context>
<context>
    <name>DecideRedoDialog</name>
    <message>
        <source>Approve to send the order back to the same handling unit with your redo instructions; refuse with the reason the requester will be told ({article}).</source>
        <translation>同意的，连同重办要求退回原承办单位重新办理；不同意的，写明将告知诉求人的理由（{article}）。</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Requester&apos;s reason</source>
        <translation>诉求人理由</translation>
    </message>
    <message>
        <source>Redos</source>
        <translation>重办次数</translation>
    </message>
    <message>
        <source>Deadline if approved now</source>
        <translation>现在同意的办结期限</translation>
    </message>
    <message>
        <source>{due} ({period} from the redo dispatch)</source>
        <translation>{due}（自重办转办起 {period}）</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <source>Approve: send back to the unit for a redo</source>
        <translation>同意：退回承办单位重办</translation>
    </message>
    <message>
        <source>Refuse the redo</source>
        <translation>不同意重办</translation>
    </message>
    <message>
        <source>The dissatisfaction was caused by the handling unit</source>
        <translation>不满意系承办单位原因所致</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>The handling unit did not follow the redo instructions</source>
        <translation>承办单位未按重办要求办理</translation>
    </message>
    <message>
        <source>Redo instructions</source>
        <translation>重办要求</translation>
    </message>
    <message>
        <source>Reason for refusing</source>
        <translation>不同意的理由</translation>
    </message>
    <message>
        <source>What the unit must do this time</source>
        <translation>承办单位此次须做到的事项</translation>
    </message>
    <message>
        <source>The reason the requester will be told</source>
        <translation>将告知诉求人的理由</translation>
    </message>
</context>
<context>
    <name>DecideReturnDialog</name>
    <message>
        <source>Approving a return means assigning another handling unit; its deadline starts again when it receives the case. If refused, the original unit carries on, with the deadline counted from when it first received the case (YJ12345 art. 10).</source>
        <translation>同意退回须改派其他承办单位，办理期限自新单位收到时重新计算；不同意退回的，原单位继续办理，期限自首次接单起计算（YJ12345 art. 10）。</translation>
    </message>
    <message>
        <source>Requesting unit</source>
        <translation>申请单位</translation>
    </message>
    <message>
        <source>Requested at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Reason for return</source>
        <translation>退回理由</translation>
    </message>
    <message>
        <source>Basis for return</source>
        <translation>退回依据</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <source>Approve and assign another unit</source>
        <translation>同意退回，改派其他承办单位</translation>
    </message>
    <message>
        <source>Refuse the return</source>
        <translation>不同意退回</translation>
    </message>
    <message>
        <source>Assign to</source>
        <translation>改派至</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>State why the return is refused (required)</source>
        <translation>请写明不同意退回的理由（必填）</translation>
    </message>
</context>
<context>
    <name>DeclareRelativeDialog</name>
    <message>
        <source>Before the decision, record the relatives the reporter declares. A direct relative on the exclusion register blocks the award (FIRE art. 6, 13).</source>
        <translation>作出决定前，登记举报人申报的亲属。直系亲属在排除名单中的，不予奖励（FIRE art. 6、13）。</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>亲属关系</translation>
    </message>
    <message>
        <source>Relative&apos;s ID number</source>
        <translation>亲属证件号码</translation>
    </message>
</context>
<context>
    <name>DisclosureDialog</name>
    <message>
        <source>Yearly disclosure of rewards</source>
        <translation>年度奖励公示</translation>
    </message>
    <message>
        <source>The rewards decided in a year are published with the reporters&apos; names masked (FIRE art. 3, RULES §5). Awards waived, cancelled, found fraudulent or cut to nothing by the yearly cap are not listed.</source>
        <translation>公布当年决定的奖励，举报人姓名作遮蔽处理（FIRE art. 3，RULES §5）。视为放弃、已取消、认定弄虚作假或因年度上限为零的奖励不列入。</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>举报人</translation>
    </message>
    <message>
        <source>Hazard category</source>
        <translation>隐患类别</translation>
    </message>
    <message>
        <source>Award (yuan)</source>
        <translation>奖金（元）</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>决定日期</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Print disclosure list…</source>
        <translation>打印公示名单…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>{count} awards, {total} yuan in all</source>
        <translation>共 {count} 笔，合计 {total} 元</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <source>, dispatch deadline {due}</source>
        <translation>，转办期限 {due}</translation>
    </message>
    <message>
        <source>Choose the handling unit{due}. The unit&apos;s deadlines for closing, first contact and requesting a return run from the dispatch (YJ12345 art. 9, art. 10).</source>
        <translation>选择承办单位{due}。承办单位的办结、首次联系和申请退回期限自转办时起算（YJ12345 art. 9、art. 10）。</translation>
    </message>
    <message>
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Designated by the centre (the unit may not return it)</source>
        <translation>中心协调指定（承办单位不得退回）</translation>
    </message>
    <message>
        <source>Disputed matters or matters involving several units are assigned by the centre and cannot be returned (YJ12345 art. 10)</source>
        <translation>有争议或涉及多个单位的事项由中心指定承办，不得再退回（YJ12345 art. 10）</translation>
    </message>
    <message>
        <source>Designated</source>
        <translation>中心指定</translation>
    </message>
</context>
<context>
    <name>DuplicatePanel</name>
    <message>
        <source>Possible duplicate tip-offs</source>
        <translation>可能重复的举报</translation>
    </message>
    <message>
        <source>Space ticks or unticks; the ticked cases are linked to this case on saving</source>
        <translation>空格键勾选或取消；勾选的案件在保存后与本案关联</translation>
    </message>
</context>
<context>
    <name>EmergencyTransferDialog</name>
    <message>
        <source>Record emergency transfer</source>
        <translation>记录紧急转接</translation>
    </message>
    <message>
        <source>e.g. smoke from the Dongfeng Road warehouse, transferred to 119, caller on site</source>
        <translation>如：东风路仓库冒烟，已转119，来电人在现场</translation>
    </message>
    <message>
        <source>Transferred to</source>
        <translation>转接至</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>情况摘要</translation>
    </message>
    <message>
        <source>Emergencies that endanger life or property must be transferred to 110, 119 or 120 at once (JY12345 art. 6).</source>
        <translation>危及生命财产安全的紧急情况应立即转 110、119 或 120（JY12345 第6条）。</translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <source>Ratings have five levels and can be recorded on acceptance and after closing; after a closing rating of dissatisfied or very dissatisfied, the centre must follow up (YJ12345 art. 20).</source>
        <translation>好差评分五级，受理时和办结后均可登记；办结后评价为不满意或非常不满意的，中心应回访（YJ12345 art. 20）。</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Please choose a rating</source>
        <translation>请选择评价等级</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>评价理由</translation>
    </message>
    <message>
        <source>Requester&apos;s comments</source>
        <translation>诉求人意见</translation>
    </message>
</context>
<context>
    <name>ExclusionRegisterDialog</name>
    <message>
        <source>Exclusion register</source>
        <translation>排除名单</translation>
    </message>
    <message>
        <source>Show deactivated entries</source>
        <translation>显示已停用的记录</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Deactivate selected</source>
        <translation>停用所选记录</translation>
    </message>
    <message>
        <source>Add to register</source>
        <translation>加入排除名单</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>FieldLabel</name>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
</context>
<context>
    <name>FigureButton</name>
    <message>
        <source>{hint}
Click to see these {count} cases</source>
        <translation>{hint}
点击查看这 {count} 件案件</translation>
    </message>
    <message>
        <source>{label} {count} cases</source>
        <translation>{label} {count} 件</translation>
    </message>
</context>
<context>
    <name>FilterNotice</name>
    <message>
        <source>Show all cases</source>
        <translation>显示全部案件</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>First-time setup — {title}</source>
        <translation>初始设置 — {title}</translation>
    </message>
    <message>
        <source>e.g. Director Chen (optional; the user name if left empty)</source>
        <translation>如：陈主任（可不填，默认同用户名）</translation>
    </message>
    <message>
        <source>At least {count} characters</source>
        <translation>至少 {count} 位</translation>
    </message>
    <message>
        <source>This is the system&apos;s first start and the database has no users yet.
Please create the administrator account; once signed in, the administrator can add counter staff and supervisors under user management.</source>
        <translation>这是本系统第一次启动，数据库中还没有任何用户。
请创建管理员账号；管理员登录后可在用户管理中添加窗口人员和负责人。</translation>
    </message>
    <message>
        <source>Administrator user name:</source>
        <translation>管理员用户名：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>First-time setup</source>
        <translation>初始设置</translation>
    </message>
    <message>
        <source>The two passwords differ; please enter them again.</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
</context>
<context>
    <name>FolderField</name>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>FollowUpPage</name>
    <message>
        <source>Call-backs</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Reward objections</source>
        <translation>奖励申诉</translation>
    </message>
    <message>
        <source>Restricted submitters</source>
        <translation>限制名单</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source> (provisional)</source>
        <translation>（暂定）</translation>
    </message>
    <message>
        <source>No deadline is running at the moment</source>
        <translation>当前没有计时中的期限</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>That year&apos;s holiday schedule is not published yet; the deadline is worked out from the statutory holidays and is provisional.</source>
        <translation>该年节假日安排尚未发布，期限按法定节假日推算，为暂定。</translation>
    </message>
    <message>
        <source>{days} over</source>
        <translation>超 {days}</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
</context>
<context>
    <name>FraudDialog</name>
    <message>
        <source>Facts found</source>
        <translation>认定的事实</translation>
    </message>
</context>
<context>
    <name>Holidays</name>
    <message>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12月</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>休</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>班</translation>
    </message>
    <message>
        <source>{date} {weekday}: {kind}</source>
        <translation>{date} {weekday}：{kind}</translation>
    </message>
</context>
<context>
    <name>HolidaysTab</name>
    <message>
        <source> (year)</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>Export template…</source>
        <translation>导出模板…</translation>
    </message>
    <message>
        <source>Write this year&apos;s holiday schedule to a file, to check and complete against the State Council General Office&apos;s notice</source>
        <translation>把这一年的放假安排写成文件，对照国务院办公厅通知核对、填写</translation>
    </message>
    <message>
        <source>Import schedule…</source>
        <translation>导入安排…</translation>
    </message>
    <message>
        <source>Load a checked holiday schedule file; the deadlines of open cases are worked out again with it</source>
        <translation>载入核对好的放假安排文件；未办结案件的期限会按新安排重新计算</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <source>Legend: “Off” (red) = weekday off; “Work” (amber) = weekend day worked; grey = Saturday, Sunday; white = working day. Deadlines count working days, not counting the first day (Civil Code art. 201).</source>
        <translation>图例：“休”（红底）= 工作日放假；“班”（黄底）= 周末调休上班；灰底 = 周六、周日；白底 = 工作日。期限按工作日计算，起算日不计入（民法典第二百零一条）。</translation>
    </message>
    <message>
        <source> (imported {when})</source>
        <translation>（{when} 导入）</translation>
    </message>
    <message>
        <source>Source: {source}{loaded}</source>
        <translation>依据：{source}{loaded}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{month}/{day}</source>
        <translation>{month}月{day}日</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{year}: {working} working days; {holidays} weekdays off; {swapped} weekend days worked ({dates}).</source>
        <translation>{year}年共 {working} 个工作日；工作日放假 {holidays} 天；调休上班 {swapped} 天（{dates}）。</translation>
    </message>
    <message>
        <source>Holiday schedule {year}.json</source>
        <translation>{year}年节假日安排.json</translation>
    </message>
    <message>
        <source>Export holiday schedule template</source>
        <translation>导出节假日安排模板</translation>
    </message>
    <message>
        <source>Holiday schedule files (*.json)</source>
        <translation>节假日安排文件 (*.json)</translation>
    </message>
    <message>
        <source>Exported the {year} holiday schedule to {path} ({holidays} days off, {workdays} weekend days worked). Check it against the State Council General Office&apos;s notice before importing it.</source>
        <translation>已导出 {year} 年放假安排到 {path}（{holidays} 个放假日、{workdays} 个调休上班日）。请对照国务院办公厅通知核对后再导入。</translation>
    </message>
    <message>
        <source>The {year} holiday schedule is not published yet; exported an empty template to {path}. Fill in the notice&apos;s reference (source), the days off (holidays) and the weekend days worked (workdays) from the notice, then import it.</source>
        <translation>{year} 年的放假安排尚未发布，已导出空白模板 {path}。请按通知填写发文字号（source）、放假日（holidays）和调休上班日（workdays）后再导入。</translation>
    </message>
    <message>
        <source>Import holiday schedule</source>
        <translation>导入节假日安排</translation>
    </message>
    <message>
        <source>Importing and working out the deadlines again…</source>
        <translation>正在导入并重新计算期限…</translation>
    </message>
    <message>
        <source>Imported the {year} holiday schedule; worked out again the deadlines of {count} cases and {claims} reward claims.</source>
        <translation>已导入 {year} 年节假日安排，重新计算了 {count} 件案件和 {claims} 件举报奖励的期限。</translation>
    </message>
    <message>
        <source>Not imported: {message}</source>
        <translation>没有导入：{message}</translation>
    </message>
</context>
<context>
    <name>ImportPanel</name>
    <message>
        <source>Import work orders</source>
        <translation>导入工单</translation>
    </message>
    <message>
        <source>Work orders passed down by the county hotline are registered as cases from a workbook in the template&apos;s layout, with the same checks as at the counter. A row is imported whole or not at all; a work order already imported is never created twice, and a changed one is reported, not overwritten. The file is archived with the cases it created.</source>
        <translation>上级热线转办的工单按导入模板填写后，在此登记为案件，校验规则与窗口登记相同。每一行要么完整导入，要么不导入；已导入的工单不会重复登记，内容有变化的只报告、不覆盖。原文件连同所建案件一并存档。</translation>
    </message>
    <message>
        <source>Save import template…</source>
        <translation>保存导入模板…</translation>
    </message>
    <message>
        <source>Import work orders…</source>
        <translation>导入工单…</translation>
    </message>
    <message>
        <source>Save the rows not imported…</source>
        <translation>保存未导入的行…</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>By</source>
        <translation>导入人</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>有变化</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>This import</source>
        <translation>本次导入</translation>
    </message>
    <message>
        <source>Earlier imports</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <source>The template was not written</source>
        <translation>模板未能写出</translation>
    </message>
    <message>
        <source>Template saved: {path}</source>
        <translation>导入模板已保存：{path}</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <source>Changed since imported as {number}: {fields}</source>
        <translation>与已导入的案件 {number} 不同：{fields}（未覆盖，请核对）</translation>
    </message>
    <message>
        <source>The list was not written</source>
        <translation>清单未能写出</translation>
    </message>
    <message>
        <source>Rows not imported saved to {path}: correct them and import that file.</source>
        <translation>未导入的行已保存到 {path}：改正后直接导入该文件即可。</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>没有导入任何工单</translation>
    </message>
</context>
<context>
    <name>JobPanel</name>
    <message>
        <source>Save workbook</source>
        <translation>保存工作簿</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>LiftRestrictionDialog</name>
    <message>
        <source>Lift a restriction early</source>
        <translation>提前解除限制</translation>
    </message>
    <message>
        <source>{person}: restricted until {end}.</source>
        <translation>{person}：限制至 {end}。</translation>
    </message>
    <message>
        <source>Why the restriction ends early (required)</source>
        <translation>提前解除的理由（必填）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>具体理由</translation>
    </message>
    <message>
        <source>Lift</source>
        <translation>解除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>TownDesk Service Centre Counter System</source>
        <translation>TownDesk 便民服务中心窗口系统</translation>
    </message>
    <message>
        <source>Sign in — {title}</source>
        <translation>登录 — {title}</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Please sign in</source>
        <translation>请登录</translation>
    </message>
    <message>
        <source>Please enter the user name.</source>
        <translation>请输入用户名。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The registration page is being built and will appear here when it is ready.</source>
        <translation>登记页面正在建设，完成后将出现在这里。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Batch print reminder notices…</source>
        <translation>批量打印催办通知书(&amp;B)…</translation>
    </message>
    <message>
        <source>Issue a reminder notice for every case past its deadline, preview them, then print them all (JY12345 art. 19)</source>
        <translation>为所有已超过办结期限的案件生成催办通知书，预览后一并打印（JY12345 第19条）</translation>
    </message>
    <message>
        <source>&amp;Verify the audit trail…</source>
        <translation>校验操作记录(&amp;V)…</translation>
    </message>
    <message>
        <source>Check that no event was changed, deleted or inserted behind the program (the hash chain of every event)</source>
        <translation>检查是否有操作记录在程序之外被修改、删除或插入（逐条核验哈希链）</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Go to the “{page}” page</source>
        <translation>切换到“{page}”页面</translation>
    </message>
    <message>
        <source>&amp;Search cases</source>
        <translation>查找案件(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>User: {name} ({role})</source>
        <translation>用户：{name}（{role}）</translation>
    </message>
    <message>
        <source>Showing “{title}” from the dashboard</source>
        <translation>正在显示工作台中的“{title}”</translation>
    </message>
    <message>
        <source>{count} reward claims ended by themselves (waived or cancelled)</source>
        <translation>{count} 件举报奖励已按期自动终结（视为放弃或取消）</translation>
    </message>
    <message>
        <source>Rule profile: {name}</source>
        <translation>规则配置：{name}</translation>
    </message>
    <message>
        <source>⚠ Rule profile has lapsed</source>
        <translation>⚠ 规则配置已失效</translation>
    </message>
    <message>
        <source>Rule profile in force: {name}</source>
        <translation>当前适用的规则配置：{name}</translation>
    </message>
    <message>
        <source>⚠ Holiday schedule is provisional</source>
        <translation>⚠ 节假日安排暂定</translation>
    </message>
    <message>
        <source>Database: {location}</source>
        <translation>数据库：{location}</translation>
    </message>
    <message>
        <source>Cannot open the case</source>
        <translation>无法打开案件</translation>
    </message>
    <message>
        <source>Checking the audit trail…</source>
        <translation>正在校验操作记录…</translation>
    </message>
    <message>
        <source>Verify the audit trail</source>
        <translation>校验操作记录</translation>
    </message>
    <message>
        <source>The audit trail was not checked</source>
        <translation>未能校验操作记录</translation>
    </message>
    <message>
        <source>Reminder notice {number}</source>
        <translation>催办通知书 {number}</translation>
    </message>
    <message>
        <source>Looking for overdue cases…</source>
        <translation>正在查找超期案件…</translation>
    </message>
    <message>
        <source>Cannot batch print</source>
        <translation>无法批量打印</translation>
    </message>
    <message>
        <source>Batch print reminder notices</source>
        <translation>批量打印催办通知书</translation>
    </message>
    <message>
        <source>No case is past its deadline and needs a reminder at the moment.</source>
        <translation>目前没有超过办结期限、需要催办的案件。</translation>
    </message>
    <message>
        <source>{count} cases are past their deadline; a reminder notice will be issued for each.</source>
        <translation>有 {count} 件案件已超过办结期限，将为每件生成一份催办通知书。</translation>
    </message>
    <message>
        <source>Each notice gets a number and is recorded in the case&apos;s history; after they are issued you can preview them, then print or save them all.</source>
        <translation>每份通知书都会编号，并记入案件的办理过程；生成后可预览，再一并打印或保存。</translation>
    </message>
    <message>
        <source>Issue and preview</source>
        <translation>生成并预览</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Reminder notice</source>
        <translation>催办通知书</translation>
    </message>
    <message>
        <source>development version</source>
        <translation>开发版</translation>
    </message>
    <message>
        <source>About TownDesk</source>
        <translation>关于 TownDesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt;&lt;br&gt;Version {version}&lt;br&gt;&lt;br&gt;For the counter staff of the town service centre: registering, referring and following up requests, and handling rewards for fire hazard tip-offs.&lt;br&gt;Deadlines and rules follow the articles of the documents in the chosen rule profile.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt;&lt;br&gt;版本 {version}&lt;br&gt;&lt;br&gt;供镇便民服务中心窗口人员登记、转办、跟踪诉求及办理火灾隐患举报奖励。&lt;br&gt;期限与规则依据所选规则配置中的文件条款计算。</translation>
    </message>
    <message>
        <source>{count} cases</source>
        <translation>共 {count} 件</translation>
    </message>
    <message>
        <source>A job is still running</source>
        <translation>仍有任务在进行</translation>
    </message>
    <message>
        <source>A report or an import of work orders is still running. Closing stops it and nothing of it is written. Close anyway?</source>
        <translation>仍有报表或工单导入正在进行。关闭程序会中止它，已做的部分不会写入。仍要关闭吗？</translation>
    </message>
</context>
<context>
    <name>MaterialsDialog</name>
    <message>
        <source>Incomplete materials — notice given once</source>
        <translation>材料不全 — 一次性告知</translation>
    </message>
    <message>
        <source>Give notice once and print it</source>
        <translation>一次性告知并打印告知书</translation>
    </message>
    <message>
        <source>List every missing or wrong material at once. Once registered, a One-time Notice of Materials to Supplement is issued with the deadline; if nothing is supplied by then, the request counts as withdrawn (STD item 6).</source>
        <translation>请一次列全所有缺少或有误的材料。案件登记后出具《补正材料一次性告知书》，写明补正期限；逾期未补正的视为撤回（STD 第6项）。</translation>
    </message>
    <message>
        <source>Up and down choose; Space ticks</source>
        <translation>上下键选择，空格键勾选</translation>
    </message>
    <message>
        <source>Common materials (tick the missing ones)</source>
        <translation>常见材料（勾选缺少的）</translation>
    </message>
    <message>
        <source>Other missing or wrong materials, one per line</source>
        <translation>其他缺少或有误的材料，每行一项</translation>
    </message>
    <message>
        <source>Other materials</source>
        <translation>其他材料</translation>
    </message>
    <message>
        <source>Please tick or fill in at least one missing item</source>
        <translation>请至少勾选或填写一项缺少的材料</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Rewards</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Follow-up/Appeals</source>
        <translation>回访/申诉</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>NavigationBar</name>
    <message>
        <source> ({shortcut})</source>
        <translation>（{shortcut}）</translation>
    </message>
</context>
<context>
    <name>NotifyDialog</name>
    <message>
        <source>Method</source>
        <translation>送达方式</translation>
    </message>
    <message>
        <source>Delivered at</source>
        <translation>送达时间</translation>
    </message>
</context>
<context>
    <name>ObjectionQueue</name>
    <message>
        <source>A reporter may object to a refusal, to the amount, or to a forfeiture within 30 days, once per decision; a supervisor other than the one who decided reviews it and the reporter receives the written result (RULES §3).</source>
        <translation>举报人对不予奖励、奖励金额或视为放弃、取消奖励不服的，可在30日内申诉，每项决定限一次；由作出决定者以外的负责人复核，并书面告知举报人复核结果（RULES §3）。</translation>
    </message>
    <message>
        <source>Open claim</source>
        <translation>打开奖励</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Reporters</source>
        <translation>举报人</translation>
    </message>
    <message>
        <source>Objection to</source>
        <translation>申诉事项</translation>
    </message>
    <message>
        <source>Decision objected to</source>
        <translation>被申诉的决定</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>Window ended</source>
        <translation>申诉期限</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>申诉理由</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>{count} objections waiting for review</source>
        <translation>待复核申诉 {count} 件</translation>
    </message>
</context>
<context>
    <name>PayDialog</name>
    <message>
        <source>Paid on</source>
        <translation>发放日期</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>发放方式</translation>
    </message>
    <message>
        <source>Voucher number</source>
        <translation>凭证号</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Print preview — {title}</source>
        <translation>打印预览 — {title}</translation>
    </message>
    <message>
        <source>{tip} ({shortcut})</source>
        <translation>{tip}（{shortcut}）</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Fit the page width to the window</source>
        <translation>页面宽度适合窗口</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Choose a printer and print every page (Ctrl+P)</source>
        <translation>选择打印机并打印全部页面（Ctrl+P）</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>Save this document as a PDF file (Ctrl+S)</source>
        <translation>把这份文书保存为 PDF 文件（Ctrl+S）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the preview (Esc)</source>
        <translation>关闭预览（Esc）</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>第 {page} 页 / 共 {count} 页</translation>
    </message>
    <message>
        <source>Print — {title}</source>
        <translation>打印 — {title}</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Preparing to print…</source>
        <translation>正在准备打印…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Printing cancelled; pages not yet sent will not be printed.</source>
        <translation>已取消打印，未送出的页面不会打印。</translation>
    </message>
    <message>
        <source>Printed to a file ({pages} pages): {file}</source>
        <translation>已打印到文件（{pages} 页）：{file}</translation>
    </message>
    <message>
        <source>Sent to the printer {printer} ({pages} pages).</source>
        <translation>已送往打印机 {printer}（{pages} 页）。</translation>
    </message>
    <message>
        <source>Printing failed.</source>
        <translation>打印失败。</translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot write the file:
{path}

{error}
Please try again with another folder or file name.</source>
        <translation>无法写入文件：
{path}

{error}
请换一个文件夹或文件名后重试。</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>已保存：{path}</translation>
    </message>
    <message>
        <source>Printing; please wait until it finishes, or click “Cancel” in the progress window.</source>
        <translation>正在打印，请等待完成，或在进度窗口中点“取消”。</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Month</source>
        <translation>月度</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source> (year)</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>Month {n}</source>
        <translation>{n}月</translation>
    </message>
    <message>
        <source>Quarter {n}</source>
        <translation>第{n}季度</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Cancelled: {total} in all, {done} issued before cancelling.</source>
        <translation>已取消：共 {total} 份，取消前已生成 {done} 份。</translation>
    </message>
    <message>
        <source>An internal error stopped the batch: {total} in all, {done} issued (the details are in the log; please give it to the administrator).</source>
        <translation>发生内部错误，批量生成已停止：共 {total} 份，已生成 {done} 份（错误详情已记录在日志中，请交给管理员）。</translation>
    </message>
    <message>
        <source>{total} in all, {done} issued, {skipped} not issued.</source>
        <translation>共 {total} 份，已生成 {done} 份，{skipped} 份未生成。</translation>
    </message>
    <message>
        <source>Not issued “{label}”: {reason}</source>
        <translation>未生成「{label}」：{reason}</translation>
    </message>
    <message>
        <source>The documents issued are numbered and recorded in their cases; print or save them here.</source>
        <translation>已生成的文书均已编号并记入案件，请在此打印或保存。</translation>
    </message>
    <message>
        <source>Issuing {number}/{total}: {label} …</source>
        <translation>正在生成 {number}/{total}：{label} …</translation>
    </message>
    <message>
        <source>Combining {count} documents…</source>
        <translation>正在合并 {count} 份文书…</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The document cannot be read (the PDF is damaged or empty); please issue it again, then print.</source>
        <translation>文书内容无法读取（PDF 文件损坏或为空），请重新生成后再打印。</translation>
    </message>
    <message>
        <source>Please enter the name of the PDF file to save in the print dialog (not just a folder), then try again.</source>
        <translation>请在打印对话框中填写要保存的 PDF 文件名（不能只选文件夹），然后重试。</translation>
    </message>
    <message>
        <source>Cannot start printing: the printer is unavailable or the output file cannot be written. Please check that the printer is on, connected and has paper, or choose another place to save, then try again.</source>
        <translation>无法开始打印：打印机不可用或输出文件无法写入。请检查打印机是否开机、已连接并有纸，或换一个保存位置，然后重试。</translation>
    </message>
    <message>
        <source>Printing page {page}/{total}</source>
        <translation>正在打印第 {page}/{total} 页</translation>
    </message>
    <message>
        <source>document</source>
        <translation>文书</translation>
    </message>
</context>
<context>
    <name>PrintingTab</name>
    <message>
        <source>Choose the font folder</source>
        <translation>选择字体文件夹</translation>
    </message>
    <message>
        <source>Empty: use the system fonts</source>
        <translation>留空：使用系统字体</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Check fonts</source>
        <translation>检查字体</translation>
    </message>
    <message>
        <source>Not checked yet.</source>
        <translation>尚未检查。</translation>
    </message>
    <message>
        <source>Fonts found</source>
        <translation>找到的字体</translation>
    </message>
    <message>
        <source>Font folder:</source>
        <translation>字体文件夹：</translation>
    </message>
    <message>
        <source>The fonts are embedded in the documents&apos; PDF, so any printer gives the same result. By default this computer&apos;s system fonts are used (Windows: FangSong, SimSun, SimHei; Debian: AR PL UMing, WenQuanYi Zen Hei). For the standard official-document fonts (FZXiaoBiaoSong, FangSong_GB2312), put the .ttf/.ttc files in a folder and choose it here. The printer is chosen in the system print dialog each time.</source>
        <translation>文书中的字体会嵌入 PDF，换一台打印机也一样。默认使用本机系统字体（Windows：仿宋、宋体、黑体；Debian：AR PL UMing、文泉驿正黑）。如需标准公文字体（方正小标宋、仿宋_GB2312），把 .ttf/.ttc 文件放进一个文件夹并在此指定。打印机在每次打印时从系统打印对话框中选择。</translation>
    </message>
    <message>
        <source>(system fonts)</source>
        <translation>（系统字体）</translation>
    </message>
    <message>
        <source>Font folder saved: {folder}. New documents use it.</source>
        <translation>字体文件夹已保存：{folder}。新打印的文书使用它。</translation>
    </message>
    <message>
        <source>Looking for fonts…</source>
        <translation>正在查找字体…</translation>
    </message>
    <message>
        <source>No usable font found.</source>
        <translation>没有找到可用的字体。</translation>
    </message>
</context>
<context>
    <name>ReceiveObjectionDialog</name>
    <message>
        <source>A reporter may object within 30 days of the notice, once per decision; a supervisor other than the one who decided reviews it (RULES §3).</source>
        <translation>举报人可自收到通知之日起30日内申诉，每项决定限一次；由作出决定者以外的负责人复核（RULES §3）。</translation>
    </message>
    <message>
        <source>Objection to</source>
        <translation>申诉事项</translation>
    </message>
    <message>
        <source>The reporter&apos;s request and reasons</source>
        <translation>举报人的请求和理由</translation>
    </message>
</context>
<context>
    <name>RecordContactDialog</name>
    <message>
        <source>Record it once the handling unit has contacted the requester; the time of the first contact counts for the response rate (YJ12345 art. 11(1)).</source>
        <translation>承办单位联系诉求人后登记；首次联系的时间用于响应率统计（YJ12345 art. 11(1)）。</translation>
    </message>
    <message>
        <source>Contact method</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Contact time</source>
        <translation>联系时间</translation>
    </message>
    <message>
        <source>Contact notes</source>
        <translation>联系情况</translation>
    </message>
</context>
<context>
    <name>RefusalDialog</name>
    <message>
        <source>Refuse</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Refuse and print the notice</source>
        <translation>不予受理并打印告知书</translation>
    </message>
    <message>
        <source>Once registered, the case is recorded as refused and a Notice of Refusal is issued, stating the ground and the reason (YJ12345 art. 6).</source>
        <translation>案件登记后即记为不予受理，并出具《不予受理告知书》，告知书写明所依据的情形和理由（YJ12345 第6条）。</translation>
    </message>
    <message>
        <source>Up and down choose; Space selects the item under the cursor</source>
        <translation>上下键选择，或空格键选中光标所在的一项</translation>
    </message>
    <message>
        <source>Ground for refusal</source>
        <translation>不予受理的情形</translation>
    </message>
    <message>
        <source>The reason explained to the requester; it is printed on the notice</source>
        <translation>向诉求人说明的具体理由，将印在告知书上</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>具体理由</translation>
    </message>
    <message>
        <source>e.g. TD01-20260105-0003</source>
        <translation>如 TD01-20260105-0003</translation>
    </message>
    <message>
        <source>Earlier case number</source>
        <translation>此前案件编号</translation>
    </message>
    <message>
        <source>Please choose the ground for refusal</source>
        <translation>请选择不予受理的情形</translation>
    </message>
    <message>
        <source>Please fill in the reason</source>
        <translation>请填写具体理由</translation>
    </message>
    <message>
        <source>Ground (6) needs the earlier case&apos;s number</source>
        <translation>第（六）项须填写此前案件的编号</translation>
    </message>
</context>
<context>
    <name>RefuseDialog</name>
    <message>
        <source>Declining needs one of the grounds listed in YJ12345 art. 6 and a specific reason; the Notice of Refusal can be printed after saving.</source>
        <translation>不予受理须选定 YJ12345 第六条所列情形并写明具体理由，保存后可打印不予受理告知书。</translation>
    </message>
    <message>
        <source>Ground for declining</source>
        <translation>不予受理情形</translation>
    </message>
    <message>
        <source>Please choose a ground</source>
        <translation>请选择情形</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>具体理由</translation>
    </message>
    <message>
        <source>The reason given to the requester</source>
        <translation>告知诉求人的理由</translation>
    </message>
    <message>
        <source>Earlier case number</source>
        <translation>此前案件编号</translation>
    </message>
    <message>
        <source>e.g. TD01-20260105-0003</source>
        <translation>如 TD01-20260105-0003</translation>
    </message>
</context>
<context>
    <name>Registration</name>
    <message>
        <source>No attachments yet. Click “Add files…” to choose some, or drag files onto this page (at most 50 MB each).</source>
        <translation>尚未添加附件。点“添加文件…”选择，或把文件直接拖到本页（单个文件不超过 50 MB）。</translation>
    </message>
    <message>
        <source>Same hazard</source>
        <translation>同一隐患</translation>
    </message>
    <message>
        <source>Same unit</source>
        <translation>同一单位</translation>
    </message>
    <message>
        <source>Once the reported unit&apos;s name is entered, earlier tip-offs that may concern the same hazard are listed here.</source>
        <translation>输入被举报单位名称后，这里列出此前可能是同一隐患的举报。</translation>
    </message>
    <message>
        <source>Looking for earlier tip-offs…</source>
        <translation>正在查找此前的举报…</translation>
    </message>
    <message>
        <source>No earlier case reported this unit.</source>
        <translation>没有找到此前举报过该单位的案件。</translation>
    </message>
    <message>
        <source>Found {count} earlier tip-offs. Tick those that really concern the same hazard; they are linked on saving (the first reporter has priority, FIRE art. 6).</source>
        <translation>找到 {count} 件此前的举报。勾选确属同一隐患的，保存时一并关联（先举报者优先，FIRE 第6条）。</translation>
    </message>
    <message>
        <source>Looking for earlier tip-offs failed: {message}</source>
        <translation>查找此前的举报时出错：{message}</translation>
    </message>
    <message>
        <source>Case {number} not found; please check the earlier case&apos;s number.</source>
        <translation>找不到案件 {number}，请核对此前案件的编号。</translation>
    </message>
    <message>
        <source>{step} not completed: {message}</source>
        <translation>{step}未完成：{message}</translation>
    </message>
    <message>
        <source>an internal error occurred (the details are in the log)</source>
        <translation>发生内部错误（详情已记入日志）</translation>
    </message>
    <message>
        <source>Linking as a duplicate of {number}</source>
        <translation>与 {number} 关联为重复举报</translation>
    </message>
    <message>
        <source>Issuing {document}</source>
        <translation>生成{document}</translation>
    </message>
    <message>
        <source>JY12345 art. 6</source>
        <translation>JY12345 第6条</translation>
    </message>
    <message>
        <source>Registering, please wait…</source>
        <translation>正在登记，请稍候…</translation>
    </message>
    <message>
        <source>Save and print the receipt</source>
        <translation>保存并打印回执</translation>
    </message>
    <message>
        <source>Ready to save: press Enter to save and print the receipt</source>
        <translation>可以保存：按 Enter 保存并打印回执</translation>
    </message>
    <message>
        <source>Cannot save yet: {problem}</source>
        <translation>还不能保存：{problem}</translation>
    </message>
    <message>
        <source> ({count} more)</source>
        <translation>（另有 {count} 项）</translation>
    </message>
    <message>
        <source>What counts as urgent is this centre&apos;s list of urgent items (YJ12345 art. 9): {items}.</source>
        <translation>紧急项以本中心的紧急项清单为准（YJ12345 第9条）：{items}。</translation>
    </message>
    <message>
        <source>No fire hazard involved (ordinary tip-off)</source>
        <translation>不涉及火灾隐患（一般举报）</translation>
    </message>
    <message>
        <source>Tab next field   Shift+Tab previous field
Enter saves and prints the receipt (a new line in Request; save there with Ctrl+Enter)
Ctrl+S save   Esc clear</source>
        <translation>Tab 下一项&#x3000;Shift+Tab 上一项
Enter 保存并打印回执（诉求内容中为换行，用 Ctrl+Enter 保存）
Ctrl+S 保存&#x3000;Esc 清空</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>诉求人</translation>
    </message>
    <message>
        <source>Co-signer {position}</source>
        <translation>联名人 {position}</translation>
    </message>
</context>
<context>
    <name>RegistrationPage</name>
    <message>
        <source>Request type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>诉求人</translation>
    </message>
    <message>
        <source>Register anonymously (no name or contact details)</source>
        <translation>匿名登记（不留姓名和联系方式）</translation>
    </message>
    <message>
        <source>Add co-signer</source>
        <translation>添加联名人</translation>
    </message>
    <message>
        <source>For a joint report or a request from several people, add the other requesters one by one</source>
        <translation>联名举报或多人共同反映时，逐一添加其他诉求人</translation>
    </message>
    <message>
        <source>Facts of the request</source>
        <translation>诉求事实</translation>
    </message>
    <message>
        <source>e.g. after 10 pm on 20 January; every night for the past week</source>
        <translation>如：1月20日晚上10点后、近一周每晚</translation>
    </message>
    <message>
        <source>Street, house number or a landmark</source>
        <translation>街道、门牌或明显地标</translation>
    </message>
    <message>
        <source>Enter starts a new line; Ctrl+Enter saves and prints the receipt</source>
        <translation>Enter 换行；Ctrl+Enter 保存并打印回执</translation>
    </message>
    <message>
        <source>What the requester wants done</source>
        <translation>诉求人希望如何处理</translation>
    </message>
    <message>
        <source>When</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>Wanted outcome</source>
        <translation>诉求请求</translation>
    </message>
    <message>
        <source>Tip-off details</source>
        <translation>举报事项</translation>
    </message>
    <message>
        <source>Handled as a fire hazard tip-off (FIRE art. 4). To claim a reward later, the reporter must give their real name, ID number and phone number (FIRE art. 8).</source>
        <translation>按火灾隐患举报办理（FIRE 第4条）。举报人日后申领奖励须实名，并提供身份证号码和联系电话（FIRE 第8条）。</translation>
    </message>
    <message>
        <source>Full name of the unit or premises</source>
        <translation>单位或场所全称</translation>
    </message>
    <message>
        <source>e.g. 12 Dongfeng Road, Jiangcheng District</source>
        <translation>如：江城区东风路12号</translation>
    </message>
    <message>
        <source>Photos, videos, witnesses…; attachments can be added below</source>
        <translation>照片、视频、证人等，附件可在下方添加</translation>
    </message>
    <message>
        <source>Fire hazard category</source>
        <translation>火灾隐患类别</translation>
    </message>
    <message>
        <source>Reported unit</source>
        <translation>被举报单位名称</translation>
    </message>
    <message>
        <source>Reported unit&apos;s address</source>
        <translation>被举报单位地址</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据说明</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Case just registered</source>
        <translation>刚登记的案件</translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation>紧急情况</translation>
    </message>
    <message>
        <source>Record emergency transfer (&amp;J)…</source>
        <translation>记录紧急转接(&amp;J)…</translation>
    </message>
    <message>
        <source>Emergency transfer recorded: {line}</source>
        <translation>已记录紧急转接：{line}</translation>
    </message>
    <message>
        <source>Register and issue the acceptance receipt; preview, then print (Enter / Ctrl+S)</source>
        <translation>登记并生成受理回执，先预览再打印（Enter / Ctrl+S）</translation>
    </message>
    <message>
        <source>Refuse…</source>
        <translation>不予受理…</translation>
    </message>
    <message>
        <source>Refuse on one of the seven grounds; a Notice of Refusal is issued after registering (YJ12345 art. 6)</source>
        <translation>按七种情形之一不予受理，登记后出具不予受理告知书（YJ12345 第6条）</translation>
    </message>
    <message>
        <source>Incomplete materials…</source>
        <translation>材料不全…</translation>
    </message>
    <message>
        <source>Name every material to supplement at once; a One-time Notice of Materials to Supplement is issued after registering</source>
        <translation>一次性告知需补正的全部材料，登记后出具补正材料一次性告知书</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Clear the form for the next visitor (Esc)</source>
        <translation>清空本表，接待下一位（Esc）</translation>
    </message>
    <message>
        <source>A {kind} needs the requester&apos;s name and contact details and cannot be anonymous (YJ12345 art. 7)</source>
        <translation>{kind}须留下诉求人及联系方式，不能匿名（YJ12345 第7条）</translation>
    </message>
    <message>
        <source>A {kind} may be registered anonymously</source>
        <translation>{kind}可以匿名登记</translation>
    </message>
    <message>
        <source>What is reported: where the hazard is, what it is, how long it has lasted</source>
        <translation>举报的具体内容：隐患在哪里、什么情况、持续多久</translation>
    </message>
    <message>
        <source>What happened: when, where, and what</source>
        <translation>事情经过：何时、何地、发生了什么</translation>
    </message>
    <message>
        <source>Please fill in {field}</source>
        <translation>请填写{field}</translation>
    </message>
    <message>
        <source>Required for a {kind}</source>
        <translation>{kind}须填写</translation>
    </message>
    <message>
        <source>YJ12345 art. 7</source>
        <translation>YJ12345 第7条</translation>
    </message>
    <message>
        <source>, FIRE art. 8</source>
        <translation>，FIRE 第8条</translation>
    </message>
    <message>
        <source>May be anonymous; if named, the name is required</source>
        <translation>可匿名；留名的须填写姓名</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名登记</translation>
    </message>
    <message>
        <source>The requester and a phone number are required</source>
        <translation>须留下诉求人及联系电话</translation>
    </message>
    <message>
        <source>{note} ({basis})</source>
        <translation>{note}（{basis}）</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>{document} issued</source>
        <translation>已生成{document}</translation>
    </message>
    <message>
        <source>Query code {code}</source>
        <translation>查询码 {code}</translation>
    </message>
    <message>
        <source>Case {number} registered, query code {code}.</source>
        <translation>案件 {number} 已登记，查询码 {code}。</translation>
    </message>
    <message>
        <source>Registered, but some steps were not completed</source>
        <translation>登记已完成，但有步骤未完成</translation>
    </message>
    <message>
        <source>Please continue in the case details, or print the documents again there.</source>
        <translation>请在案件详情中继续办理或补打文书。</translation>
    </message>
    <message>
        <source>Cannot register</source>
        <translation>无法登记</translation>
    </message>
    <message>
        <source>Not saved: {message}</source>
        <translation>未保存：{message}</translation>
    </message>
    <message>
        <source>Clear the registration form</source>
        <translation>清空登记表</translation>
    </message>
    <message>
        <source>What has been filled in is not saved. Clear it anyway?</source>
        <translation>已填写的内容尚未保存，确定清空吗？</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续填写</translation>
    </message>
</context>
<context>
    <name>RejectRestrictionDialog</name>
    <message>
        <source>Reject a proposed restriction</source>
        <translation>驳回限制申请</translation>
    </message>
    <message>
        <source>{person}: proposed by {who}. Reason given: {reason}</source>
        <translation>{person}：由{who}提出。理由：{reason}</translation>
    </message>
    <message>
        <source>Why the person is not restricted (required)</source>
        <translation>不予限制的理由（必填）</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <source>Excel reports</source>
        <translation>Excel 报表</translation>
    </message>
    <message>
        <source>Internal (RULES §5): this workbook names people. Keep it in the centre; do not send it upstream or publish it.</source>
        <translation>内部资料（规则第5节）：本表载有人员姓名，只在中心内部保存，不得报送上级或对外公开。</translation>
    </message>
    <message>
        <source>Generate workbook…</source>
        <translation>生成工作簿…</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>统计期间：</translation>
    </message>
    <message>
        <source>Saved {title} for {period}: {path}</source>
        <translation>已生成{period}的{title}：{path}</translation>
    </message>
    <message>
        <source>Generating {title} for {period}…</source>
        <translation>正在生成{period}的{title}…</translation>
    </message>
    <message>
        <source>The workbook was not written</source>
        <translation>工作簿未能写出</translation>
    </message>
    <message>
        <source>{label}: {first} to {last}</source>
        <translation>{label}：{first} 至 {last}</translation>
    </message>
</context>
<context>
    <name>RequestExtensionDialog</name>
    <message>
        <source>An extension must be requested before the time limit runs out, with the reason and the basis, and the requester must be told why; the total may not exceed the longest time limit for this kind of request ({article}).</source>
        <translation>延期须在办理时限届满前申请，写明理由和依据，并告知诉求人延期理由；总时限不得超过本类诉求的最长时限（{article}）。</translation>
    </message>
    <message>
        <source>Current deadline</source>
        <translation>当前办结期限</translation>
    </message>
    <message>
        <source>{due} ({days} working days)</source>
        <translation>{due}（{days} 个工作日）</translation>
    </message>
    <message>
        <source>Longest time limit</source>
        <translation>最长时限</translation>
    </message>
    <message>
        <source>Not set by this rule profile</source>
        <translation>本规则配置未规定</translation>
    </message>
    <message>
        <source>At most {most} working days for a {kind}; {left} more working days possible</source>
        <translation>{kind}类最长 {most} 个工作日，还可延长 {left} 个工作日</translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation>延期次数</translation>
    </message>
    <message>
        <source>Extended {granted} times, at most {most}</source>
        <translation>已延期 {granted} 次，最多 {most} 次</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <source>Extend by</source>
        <translation>延长</translation>
    </message>
    <message>
        <source>Reason for extension</source>
        <translation>延期理由</translation>
    </message>
    <message>
        <source>Why it cannot be closed in time</source>
        <translation>为何不能按期办结</translation>
    </message>
    <message>
        <source>Basis for extension</source>
        <translation>延期依据</translation>
    </message>
    <message>
        <source>Legal or policy basis</source>
        <translation>法律、政策依据</translation>
    </message>
</context>
<context>
    <name>RequestMaterialsDialog</name>
    <message>
        <source>The notice must list every material to supplement (one per line) and can be given only once; after saving, print the one-time notice for the requester (STD item 6).</source>
        <translation>一次性告知须逐项列出全部需补正的材料（每行一项），只能告知一次；保存后打印一次性告知书交诉求人（STD item 6）。</translation>
    </message>
    <message>
        <source>Materials to supplement</source>
        <translation>需补正材料</translation>
    </message>
    <message>
        <source>One per line, e.g.:
photos of the site
copy of the property management contract</source>
        <translation>每行一项，如：
现场照片
物业管理合同复印件</translation>
    </message>
</context>
<context>
    <name>RequestRedoDialog</name>
    <message>
        <source>After a rating of dissatisfied or very dissatisfied the requester may ask for a redo. The centre reviews the request; if approved, the order goes back to the handling unit with a new deadline as long as the original one, counted from the redo dispatch ({article}).</source>
        <translation>评价为不满意或非常不满意的，诉求人可申请重办。中心审核同意的，工单退回承办单位重新办理，办理期限与原期限相同，自重办转办时起算（{article}）。</translation>
    </message>
    <message>
        <source>Rating after handling</source>
        <translation>办结后评价</translation>
    </message>
    <message>
        <source>Redos</source>
        <translation>重办次数</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>申请方式</translation>
    </message>
    <message>
        <source>Requester&apos;s reason</source>
        <translation>诉求人理由</translation>
    </message>
    <message>
        <source>What the requester says is still wrong</source>
        <translation>诉求人认为仍未解决的问题</translation>
    </message>
</context>
<context>
    <name>RequestReturnDialog</name>
    <message>
        <source>A handling unit that finds the work order outside its duties must request a return within the deadline, stating the reason and the basis; the centre decides ({article}).</source>
        <translation>承办单位认为工单不属本单位职责的，须在期限内写明理由和依据申请退回，由中心审批（{article}）。</translation>
    </message>
    <message>
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Deadline for returning</source>
        <translation>申请退回期限</translation>
    </message>
    <message>
        <source>{due} ({status})</source>
        <translation>{due}（{status}）</translation>
    </message>
    <message>
        <source>Reason for return</source>
        <translation>退回理由</translation>
    </message>
    <message>
        <source>Why this is not the unit&apos;s responsibility</source>
        <translation>为何不属本单位职责</translation>
    </message>
    <message>
        <source>Basis for return</source>
        <translation>退回依据</translation>
    </message>
    <message>
        <source>e.g. the town&apos;s rules on the duties of its bodies</source>
        <translation>如：镇机构职能配置规定</translation>
    </message>
</context>
<context>
    <name>RestrictionRegister</name>
    <message>
        <source>A person who harasses or threatens staff may be restricted from using the line for {days} natural days ({article}). A supervisor proposes it and another supervisor or administrator approves it; from the approval, registration by the person is refused until the end day. Restrictions end by themselves.</source>
        <translation>骚扰、威胁工作人员的，可限制其使用热线 {days} 个自然日（{article}）。由一名负责人提出，另一名负责人或管理员批准；自批准之日起至期满日，不再受理其登记。期满自动解除。</translation>
    </message>
    <message>
        <source>Show ended, lifted and rejected restrictions</source>
        <translation>显示已期满、已解除和已驳回的限制</translation>
    </message>
    <message>
        <source>Lift selected early…</source>
        <translation>提前解除所选…</translation>
    </message>
    <message>
        <source>Approve selected</source>
        <translation>批准所选</translation>
    </message>
    <message>
        <source>Reject selected…</source>
        <translation>驳回所选…</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止日</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation>提出人</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>No restriction in force or proposed.</source>
        <translation>目前没有生效或待批准的限制。</translation>
    </message>
    <message>
        <source>Propose restriction for {days} days</source>
        <translation>提出限制 {days} 天</translation>
    </message>
    <message>
        <source>Propose restricting a person</source>
        <translation>提出限制某人</translation>
    </message>
    <message>
        <source>{reason} (rejected: {reject_reason})</source>
        <translation>{reason}（已驳回：{reject_reason}）</translation>
    </message>
    <message>
        <source>Takes effect when another supervisor or administrator approves it; approved today, until {end} inclusive.</source>
        <translation>须另一名负责人或管理员批准后生效；如今天批准，至 {end}（含当日）。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>具体理由</translation>
    </message>
    <message>
        <source>Mobile or landline with area code</source>
        <translation>手机或带区号的固定电话</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>What happened: when, to whom, what was said or done (required)</source>
        <translation>事情经过：时间、对象、言行（必填）</translation>
    </message>
    <message>
        <source>Optional: the case where it happened</source>
        <translation>可选：发生该情况的案件</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>证件</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>{status} {when}</source>
        <translation>{status} {when}</translation>
    </message>
    <message>
        <source>{reason} (lifted: {lift_reason})</source>
        <translation>{reason}（解除理由：{lift_reason}）</translation>
    </message>
</context>
<context>
    <name>RetentionTab</name>
    <message>
        <source>Request deletion of selected…</source>
        <translation>申请删除所选…</translation>
    </message>
    <message>
        <source>Approve and delete…</source>
        <translation>批准并删除…</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>Case records are kept at least 2 years after completion ({article}): a case completed on 10 March 2024 may be deleted from 11 March 2026 (29 February: from 1 March). One administrator requests the deletion with a reason, another approves it. A tip-off&apos;s reward must be over too.</source>
        <translation>案件资料自办结之日起至少保存2年（{article}）：2024年3月10日办结的案件，自2026年3月11日起方可删除（2月29日办结的，自3月1日起）。由一名管理员写明理由申请删除，另一名管理员批准。举报奖励也须已办结。</translation>
    </message>
    <message>
        <source>Cases past their retention period</source>
        <translation>保存期已满的案件</translation>
    </message>
    <message>
        <source>Deletion requests waiting for approval</source>
        <translation>待批准的删除申请</translation>
    </message>
    <message>
        <source>Your own request: another administrator approves it.</source>
        <translation>这是您本人的申请，须由另一名管理员批准。</translation>
    </message>
    <message>
        <source>Deletion request no. {id} is waiting for another administrator.</source>
        <translation>删除申请第 {id} 号等待另一名管理员批准。</translation>
    </message>
    <message>
        <source>{count} cases deleted.</source>
        <translation>已删除 {count} 件案件。</translation>
    </message>
    <message>
        <source>Request rejected; nothing was deleted.</source>
        <translation>申请已驳回，未删除任何内容。</translation>
    </message>
</context>
<context>
    <name>RevealIdentityDialog</name>
    <message>
        <source>The requester&apos;s name, ID number, phone and address are confidential ({article}) and may be viewed only when the work requires it. Please state the reason; who viewed them, when and why is recorded in the case history.</source>
        <translation>诉求人的姓名、证件号码、电话和住址依规保密（{article}），仅因工作需要方可查看。请写明查看事由；查看人、时间和事由将记入办理过程。</translation>
    </message>
    <message>
        <source>Reason for viewing</source>
        <translation>查看事由</translation>
    </message>
    <message>
        <source>e.g. checking the phone number for a follow-up call</source>
        <translation>如：回访需核对联系电话</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Check that the result answers the request directly and states the time, method, outcome and basis; if sent back, the deadline still runs from when the case was first received ({article}).</source>
        <translation>核对办理结果是否直接回应诉求，并写明办理时间、方式、结果和依据；发回重新办理的，期限仍自首次接单起计算（{article}）。</translation>
    </message>
    <message>
        <source>Handled at</source>
        <translation>办理时间</translation>
    </message>
    <message>
        <source>Handling method</source>
        <translation>办理方式</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Review decision</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <source>Approve and close</source>
        <translation>审核通过，办结</translation>
    </message>
    <message>
        <source>Send back for rework</source>
        <translation>发回重新办理</translation>
    </message>
    <message>
        <source>Review notes</source>
        <translation>审核说明</translation>
    </message>
    <message>
        <source>State what does not meet the requirements (required)</source>
        <translation>请写明不符合要求之处（必填）</translation>
    </message>
</context>
<context>
    <name>ReviewObjectionDialog</name>
    <message>
        <source>A supervisor other than the one who decided reviews the objection. Changing the decision computes it again with the answers below and the yearly cap (FIRE art. 5); the new decision is then notified again.</source>
        <translation>由作出决定者以外的负责人复核。变更决定的，按下列认定重新计算奖励（含年度上限，FIRE art. 5），并重新送达举报人。</translation>
    </message>
    <message>
        <source>Objection to</source>
        <translation>申诉事项</translation>
    </message>
    <message>
        <source>Reporter&apos;s statement</source>
        <translation>举报人申诉理由</translation>
    </message>
    <message>
        <source>Review outcome</source>
        <translation>复核结论</translation>
    </message>
    <message>
        <source>Uphold the decision</source>
        <translation>维持原决定</translation>
    </message>
    <message>
        <source>Change the decision</source>
        <translation>变更决定</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Clue already known to the brigade</source>
        <translation>消防救援机构已掌握该线索</translation>
    </message>
    <message>
        <source>Already under investigation</source>
        <translation>已在查处中</translation>
    </message>
    <message>
        <source>Reasons of the review</source>
        <translation>复核理由</translation>
    </message>
</context>
<context>
    <name>RewardQueueModel</name>
    <message>
        <source>On time</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reported unit</source>
        <translation>被举报单位</translation>
    </message>
    <message>
        <source>Reporters</source>
        <translation>举报人</translation>
    </message>
    <message>
        <source>Fine (yuan)</source>
        <translation>罚款（元）</translation>
    </message>
    <message>
        <source>Award (yuan)</source>
        <translation>奖金（元）</translation>
    </message>
    <message>
        <source>Key date</source>
        <translation>关键日期</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
</context>
<context>
    <name>RewardShareDialog</name>
    <message>
        <source>Reporter</source>
        <translation>举报人</translation>
    </message>
</context>
<context>
    <name>RewardsPage</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read the queues again (F5)</source>
        <translation>重新读取各队列（F5）</translation>
    </message>
    <message>
        <source>Open claim</source>
        <translation>打开奖励</translation>
    </message>
    <message>
        <source>Exclusion register…</source>
        <translation>排除名单…</translation>
    </message>
    <message>
        <source>Persons excluded from rewards (FIRE art. 6); administrators only</source>
        <translation>不予奖励的人员名单（FIRE art. 6），仅限管理员</translation>
    </message>
    <message>
        <source>Disclosure list…</source>
        <translation>奖励公示…</translation>
    </message>
    <message>
        <source>The year&apos;s rewards with names masked, for publication (FIRE art. 3)</source>
        <translation>当年奖励名单（姓名遮蔽），用于公示（FIRE art. 3）</translation>
    </message>
    <message>
        <source>Apply expiries now</source>
        <translation>立即处理逾期</translation>
    </message>
    <message>
        <source>Waive awards not collected in time and cancel undeliverable ones (FIRE art. 10); the program also does this when it starts</source>
        <translation>逾期未领取的视为放弃，无法送达的予以取消（FIRE art. 10）；程序启动时也会自动处理</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>{count} claims</source>
        <translation>共 {count} 件</translation>
    </message>
    <message>
        <source>Expiries applied: {count} claims waived or cancelled.</source>
        <translation>已处理逾期：{count} 件奖励视为放弃或取消。</translation>
    </message>
</context>
<context>
    <name>RulesTab</name>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Save schedule</source>
        <translation>保存安排</translation>
    </message>
    <message>
        <source>Rule profile schedule</source>
        <translation>规则配置安排</translation>
    </message>
    <message>
        <source>A new case follows the rule profile in force on the day it is registered; registered cases keep the profile of their registration day.</source>
        <translation>新登记的案件适用登记当日生效的规则配置；已登记的案件仍按其登记时的规则配置办理。</translation>
    </message>
    <message>
        <source>Available rule profiles</source>
        <translation>可用的规则配置</translation>
    </message>
    <message>
        <source>One per line</source>
        <translation>每行一项</translation>
    </message>
    <message>
        <source>Save list</source>
        <translation>保存清单</translation>
    </message>
    <message>
        <source>Urgent items (YJ12345 art. 9 item 2)</source>
        <translation>紧急项清单（YJ12345 第9条第2项）</translation>
    </message>
    <message>
        <source>Requests that match one of these items when registered are handled as urgent (time limits in minutes). One per line.</source>
        <translation>登记时属于以下情形的诉求按紧急项办理（时限按分钟计）。每行一项。</translation>
    </message>
    <message>
        <source>Every rule profile is valid.</source>
        <translation>所有规则配置均在有效期内。</translation>
    </message>
    <message>
        <source>Deleted; applies once you click “Save schedule”.</source>
        <translation>已删除，按“保存安排”后生效。</translation>
    </message>
    <message>
        <source>Rule profile schedule saved.</source>
        <translation>规则配置安排已保存。</translation>
    </message>
    <message>
        <source>Urgent item list saved.</source>
        <translation>紧急项清单已保存。</translation>
    </message>
</context>
<context>
    <name>ScheduleEntryDialog</name>
    <message>
        <source>{date} already has an entry; delete it first.</source>
        <translation>{date} 已有一项安排，请先删除它。</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Centre name</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <source>Centre code</source>
        <translation>中心代码</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Document number prefix</source>
        <translation>文书编号前缀</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>open-ended</source>
        <translation>长期</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>⚠ Lapsed (still applied)</source>
        <translation>⚠ 已失效（仍在沿用）</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Rule profile</source>
        <translation>规则配置</translation>
    </message>
    <message>
        <source> (in force today)</source>
        <translation>（今日适用）</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Add to the rule profile schedule</source>
        <translation>添加规则配置安排</translation>
    </message>
    <message>
        <source>Add entry</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>起始日期：</translation>
    </message>
    <message>
        <source>Rule profile:</source>
        <translation>规则配置：</translation>
    </message>
    <message>
        <source>Cases registered from that date on follow the chosen rule profile.</source>
        <translation>从起始日期起登记的案件适用所选规则配置。</translation>
    </message>
    <message>
        <source>Added; applies once you click “Save schedule”.</source>
        <translation>已添加，按“保存安排”后生效。</translation>
    </message>
    <message>
        <source>Unit name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation>办结日期</translation>
    </message>
    <message>
        <source>Deletable from</source>
        <translation>可删除日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>In request no. {id}</source>
        <translation>已在第 {id} 号申请中</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Request deletion of {count} cases</source>
        <translation>申请删除 {count} 件案件</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>申请</translation>
    </message>
    <message>
        <source> and {more} more</source>
        <translation> 等另外 {more} 件</translation>
    </message>
    <message>
        <source>Why these cases are deleted</source>
        <translation>删除这些案件的理由</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>Another administrator must approve; nothing is deleted until then.</source>
        <translation>须另一名管理员批准；批准前不会删除任何内容。</translation>
    </message>
    <message>
        <source>Approve deletion request no. {id}</source>
        <translation>批准第 {id} 号删除申请</translation>
    </message>
    <message>
        <source>Reject deletion request no. {id}</source>
        <translation>驳回第 {id} 号删除申请</translation>
    </message>
    <message>
        <source>Delete now</source>
        <translation>立即删除</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Requested by {who}: {reason}</source>
        <translation>申请人 {who}：{reason}</translation>
    </message>
    <message>
        <source>The cases, their attachments and the people no other case names are deleted for good; the audit trail keeps their events.</source>
        <translation>这些案件、附件以及不再被其他案件引用的人员将被永久删除；操作记录（审计链）中的相关记录保留。</translation>
    </message>
    <message>
        <source>Why not (required)</source>
        <translation>驳回理由（必填）</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Edit handling unit: {name}</source>
        <translation>修改承办单位：{name}</translation>
    </message>
    <message>
        <source>Head:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <source>The unit&apos;s code and name are recorded in case histories and cannot be changed.</source>
        <translation>单位代码和名称已记入案件的办理过程，不能修改。</translation>
    </message>
    <message>
        <source>Register, accept, dispatch, record handling, print documents</source>
        <translation>登记、受理、转办、记录办理情况、打印文书</translation>
    </message>
    <message>
        <source>Also review results and decide returns and extensions</source>
        <translation>另可审核办理结果、审批退回和延期</translation>
    </message>
    <message>
        <source>Also manage users, handling units, holidays, rule profiles and centre settings</source>
        <translation>另可管理用户、承办单位、节假日、规则配置和中心设置</translation>
    </message>
    <message>
        <source>Reads everything and changes nothing: checks the audit trail, sees who viewed identities, exports the statistics</source>
        <translation>可查看全部内容但不能做任何更改：校验操作记录、查看身份信息查看记录、导出统计报表</translation>
    </message>
    <message>
        <source>Locked until {time}</source>
        <translation>锁定至 {time}</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>At least {count} characters</source>
        <translation>至少 {count} 位</translation>
    </message>
    <message>
        <source>The two passwords differ; please enter them again.</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
    <message>
        <source>Change role: {name}</source>
        <translation>更改角色：{name}</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>The new role applies from the user&apos;s next sign-in.</source>
        <translation>新角色在该用户下次登录时生效。</translation>
    </message>
    <message>
        <source>Reset password: {name}</source>
        <translation>重置密码：{name}</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <source>The old password cannot be seen and is never shown; tell the user the new password in person.</source>
        <translation>原密码无法查看，也不会显示；请把新密码当面告知本人。</translation>
    </message>
    <message>
        <source>Usable fonts in the chosen folder ({count}):</source>
        <translation>所选文件夹中可用的字体（{count} 个）：</translation>
    </message>
    <message>
        <source>The chosen folder has no usable Chinese TrueType fonts (.ttf/.ttc); the system fonts will be used.</source>
        <translation>所选文件夹中没有可用的中文 TrueType 字体（.ttf/.ttc）；将使用系统字体。</translation>
    </message>
    <message>
        <source>Documents will use:</source>
        <translation>文书将使用：</translation>
    </message>
    <message>
        <source>chosen folder</source>
        <translation>所选文件夹</translation>
    </message>
    <message>
        <source>system fonts</source>
        <translation>系统字体</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Centre</source>
        <translation>中心信息</translation>
    </message>
    <message>
        <source>Handling units</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>Rule profiles</source>
        <translation>规则配置</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>保存期限</translation>
    </message>
</context>
<context>
    <name>SubmitResultDialog</name>
    <message>
        <source>The result must answer the request directly and state when and how it was handled, the outcome, and the legal or policy basis; all four are required ({article}). A supervisor reviews it after submission.</source>
        <translation>办理结果须直接回应诉求，写明办理时间、办理方式、办理结果和法律或政策依据，四项缺一不可（{article}）。提交后由负责人审核。</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Handled at</source>
        <translation>办理时间</translation>
    </message>
    <message>
        <source>Handling method</source>
        <translation>办理方式</translation>
    </message>
    <message>
        <source>e.g. on-site inspection and a talk with the person responsible</source>
        <translation>如：现场核查并约谈责任人</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>The result, and whether the requester has been answered</source>
        <translation>办理的结果，是否已答复诉求人</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Legal, regulatory or policy basis</source>
        <translation>法律、法规或政策依据</translation>
    </message>
</context>
<context>
    <name>SubmitterEditor</name>
    <message>
        <source>As on the identity document</source>
        <translation>与证件一致</translation>
    </message>
    <message>
        <source>18 characters, checked as you type</source>
        <translation>18 位号码，边输边校验</translation>
    </message>
    <message>
        <source>Mobile, or landline with area code</source>
        <translation>手机或带区号的固定电话</translation>
    </message>
    <message>
        <source>Current home or work address</source>
        <translation>现住址或单位地址</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Remove this co-signer</source>
        <translation>删除此联名人</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Registered residence</source>
        <translation>户籍地</translation>
    </message>
    <message>
        <source>Please fill in the {who}&apos;s name</source>
        <translation>请填写{who}姓名</translation>
    </message>
    <message>
        <source>{who} name: {message}</source>
        <translation>{who}姓名：{message}</translation>
    </message>
    <message>
        <source>{who} document number: {message}</source>
        <translation>{who}证件号码：{message}</translation>
    </message>
    <message>
        <source>Please fill in the {who}&apos;s phone</source>
        <translation>请填写{who}联系电话</translation>
    </message>
    <message>
        <source>{who} phone: {message}</source>
        <translation>{who}联系电话：{message}</translation>
    </message>
    <message>
        <source>As on the document</source>
        <translation>按证件填写</translation>
    </message>
    <message>
        <source>(not in the code table)</source>
        <translation>（代码表中未收录）</translation>
    </message>
</context>
<context>
    <name>SupplyMaterialsDialog</name>
    <message>
        <source>Once the requester has supplied all the materials, the request is accepted (STD item 6).</source>
        <translation>诉求人已补正全部材料的，即予受理（STD item 6）。</translation>
    </message>
    <message>
        <source>Materials to supplement</source>
        <translation>需补正材料</translation>
    </message>
    <message>
        <source>Deadline for materials</source>
        <translation>补正期限</translation>
    </message>
    <message>
        <source>Notes on the materials</source>
        <translation>补正情况</translation>
    </message>
    <message>
        <source>(optional)</source>
        <translation>（可选）</translation>
    </message>
</context>
<context>
    <name>UnitsTab</name>
    <message>
        <source>Add unit…</source>
        <translation>新增单位…</translation>
    </message>
    <message>
        <source>Change head/phone…</source>
        <translation>修改负责人/电话…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>A deactivated unit receives no new cases; the cases it still holds stay with it and can be handled as usual in the case details. A unit can be reactivated at any time.</source>
        <translation>停用的单位不能再接收新转办的案件；它手上尚未办结的案件仍由它办理，在案件详情中可以照常处理。停用可以随时恢复。</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>恢复启用</translation>
    </message>
    <message>
        <source>Handling unit “{name}” added.</source>
        <translation>已新增承办单位“{name}”。</translation>
    </message>
    <message>
        <source>Head and phone of “{name}” changed.</source>
        <translation>已修改“{name}”的负责人和联系电话。</translation>
    </message>
    <message>
        <source>The {count} open cases it holds stay with it.</source>
        <translation>它手上 {count} 件未办结案件仍由它办理。</translation>
    </message>
    <message>
        <source>“{name}” deactivated; no new case can be dispatched to it.{still}</source>
        <translation>已停用“{name}”，新案件不能再转办给它。{still}</translation>
    </message>
    <message>
        <source>“{name}” reactivated.</source>
        <translation>已恢复启用“{name}”。</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>Add user…</source>
        <translation>新增用户…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解除锁定</translation>
    </message>
    <message>
        <source>A deactivated user can no longer sign in; their records are kept. You cannot deactivate or change your own account, nor deactivate the last active administrator. After {count} failed sign-ins in a row a user name is locked for {minutes} minutes; unlock it here, or reset the password (which also unlocks).</source>
        <translation>停用的用户不能再登录，其经办记录保留。不能停用或更改自己的账号，也不能停用最后一位在用的管理员。连续 {count} 次登录失败后，该用户名将被锁定 {minutes} 分钟；可在此解除锁定，或重置密码（同时解除锁定）。</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>恢复启用</translation>
    </message>
    <message>
        <source>User “{name}” ({role}) added.</source>
        <translation>已新增用户“{name}”（{role}）。</translation>
    </message>
    <message>
        <source>The role of “{name}” is now {role}; it applies from the next sign-in.</source>
        <translation>“{name}”的角色已改为{role}，下次登录时生效。</translation>
    </message>
    <message>
        <source>Password of “{name}” reset.</source>
        <translation>已重置“{name}”的密码。</translation>
    </message>
    <message>
        <source>User “{name}” deactivated.</source>
        <translation>已停用用户“{name}”。</translation>
    </message>
    <message>
        <source>User “{name}” reactivated.</source>
        <translation>已恢复启用用户“{name}”。</translation>
    </message>
    <message>
        <source>“{name}” unlocked; they can sign in again.</source>
        <translation>已解除“{name}”的锁定，可以重新登录。</translation>
    </message>
</context>
<context>
    <name>VerificationDialog</name>
    <message>
        <source>Enter the fire brigade&apos;s filing after the penalty case was closed (FIRE art. 9). The fine is in yuan, with at most two decimals.</source>
        <translation>请在处罚案件结案后录入消防救援机构的反馈（FIRE art. 9）。罚款以元为单位，最多两位小数。</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Report verified</source>
        <translation>举报查证属实</translation>
    </message>
    <message>
        <source>Penalty imposed</source>
        <translation>已作出行政处罚</translation>
    </message>
    <message>
        <source>Penalty decision number</source>
        <translation>行政处罚决定书文号</translation>
    </message>
    <message>
        <source>Decision date</source>
        <translation>处罚决定日期</translation>
    </message>
    <message>
        <source>Fine (yuan)</source>
        <translation>罚款金额（元）</translation>
    </message>
    <message>
        <source>Fire brigade</source>
        <translation>消防救援机构</translation>
    </message>
    <message>
        <source>Closing date</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Filed on</source>
        <translation>备案日期</translation>
    </message>
    <message>
        <source>= {fen} fen</source>
        <translation>= {fen} 分</translation>
    </message>
    <message>
        <source>Enter an amount in yuan with at most two decimals</source>
        <translation>请输入以元为单位、最多两位小数的金额</translation>
    </message>
</context>
<context>
    <name>WarningBanner</name>
    <message>
        <source>Got it</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>Hide these notices for this session (the status bar keeps the ⚠ mark)</source>
        <translation>本次使用期间不再显示这些提示（状态栏仍保留 ⚠ 标记）</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>If the materials are still missing when the deadline has passed, the request counts as withdrawn and the case ends (STD item 6). Not before the deadline has passed.</source>
        <translation>补正期限届满仍未补正材料的，诉求视为撤回，案件终结（STD item 6）。期限未满的不能视为撤回。</translation>
    </message>
    <message>
        <source>Deadline for materials</source>
        <translation>补正期限</translation>
    </message>
</context>
<context>
    <name>_DecisionDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Back to the registration form; what has been filled in is kept (Esc)</source>
        <translation>回到登记表，已填写的内容保留（Esc）</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>{granted} of {max} granted ({article})</source>
        <translation>已重办 {granted} 次，最多 {max} 次（{article}）</translation>
    </message>
</context>
</TS>
